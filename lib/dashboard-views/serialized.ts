// What a read model looks like after a trip through JSON: dates become ISO strings.
// The server prefetch stores exactly this shape too, so the hydrated cache and the
// browser's own fetches hold the same type.
export type Serialized<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Serialized<U>[]
    : T extends object
      ? { [K in keyof T]: Serialized<T[K]> }
      : T;

export function serialize<T>(value: T): Serialized<T> {
  return JSON.parse(JSON.stringify(value)) as Serialized<T>;
}
