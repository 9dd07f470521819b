import { SYSTEM_KIND_LABELS, SYSTEM_KINDS } from "@/lib/domain/catalogue";

// The system kinds as <option>s; `none` adds an empty choice for optional fields.
export function KindOptions({ none }: { none?: string }) {
  return (
    <>
      {none !== undefined ? <option value="">{none}</option> : null}
      {SYSTEM_KINDS.map((kind) => (
        <option key={kind} value={kind}>
          {SYSTEM_KIND_LABELS[kind]}
        </option>
      ))}
    </>
  );
}

export function kindLabel(kind: string | null): string | null {
  if (kind === null) return null;
  return (SYSTEM_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}
