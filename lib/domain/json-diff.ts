// What an engineer's edit changed in a payload, path by path, for the audit log: the
// original stays on the trace, the audit row says exactly what was sent instead.

export interface JsonChange {
  path: string;
  before: unknown;
  after: unknown;
}

export function jsonDiff(before: unknown, after: unknown, path = ""): JsonChange[] {
  if (Object.is(before, after)) return [];
  const bothObjects = isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after);
  if (!bothObjects) return [{ path: path || "$", before, after }];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => {
    const sub = path ? `${path}.${k}` : k;
    if (!(k in a)) return [{ path: sub, before: undefined, after: b[k] }];
    if (!(k in b)) return [{ path: sub, before: a[k], after: undefined }];
    return jsonDiff(a[k], b[k], sub);
  });
}

function isContainer(v: unknown): v is object {
  return typeof v === "object" && v !== null;
}
