// OTLP attributes (KeyValue lists of AnyValue) -> plain values keyed by attribute name.
// Both wire encodings arrive here in the OTLP/JSON shape: int64 as a decimal string or a
// number, bytes as base64.

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
export type Attributes = ReadonlyMap<string, AttributeValue>;

export interface KeyValueJson {
  key: string;
  value?: unknown;
}

export function toAttributes(list: readonly KeyValueJson[] | undefined): Map<string, AttributeValue> {
  const out = new Map<string, AttributeValue>();
  for (const kv of list ?? []) out.set(kv.key, anyValue(kv.value));
  return out;
}

export function anyValue(value: unknown): AttributeValue {
  if (value === null || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.stringValue === "string") return v.stringValue;
  if (typeof v.boolValue === "boolean") return v.boolValue;
  if (v.intValue !== undefined) return intValue(v.intValue);
  if (v.doubleValue !== undefined) return typeof v.doubleValue === "number" ? v.doubleValue : Number(v.doubleValue);
  if (isObject(v.arrayValue)) return listOf(v.arrayValue.values).map(anyValue);
  if (isObject(v.kvlistValue)) {
    const entries = listOf(v.kvlistValue.values).filter(isObject);
    return Object.fromEntries(entries.map((kv) => [String(kv.key), anyValue(kv.value)]));
  }
  if (typeof v.bytesValue === "string") return v.bytesValue;
  return null;
}

// Values beyond 2^53 stay exact as strings; attributes that are ids must not be rounded.
function intValue(raw: unknown): number | string | null {
  // A JSON number beyond 2^53 is written out in full (String() would round it to 17 digits).
  const s =
    typeof raw === "number"
      ? Number.isInteger(raw)
        ? BigInt(raw).toString()
        : ""
      : typeof raw === "string"
        ? raw.trim()
        : "";
  if (!/^-?\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : s;
}

// Attribute lookup with a fallback: the span's or log record's own attributes win over
// the resource's, so a service can set crossdock.site once for everything it sends.
export function layered(...layers: Attributes[]): Attributes {
  const merged = new Map<string, AttributeValue>();
  for (const layer of [...layers].reverse()) for (const [k, v] of layer) merged.set(k, v);
  return merged;
}

export function attributeText(value: AttributeValue | undefined): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
