// Masks payload fields by path before a payload is stored. A path is dot-separated keys
// ("customer.email", "shipTo.address"); "*" matches any key; arrays are walked through,
// so "lines.price" masks the price of every line. Matching is case-sensitive.

export const REDACTED = "[redacted]";

export function redact(value: unknown, paths: readonly string[]): { value: unknown; count: number } {
  if (paths.length === 0) return { value, count: 0 };
  const split = paths.map((p) => p.split("."));
  let count = 0;
  const walk = (node: unknown, rules: string[][]): unknown => {
    if (rules.length === 0 || node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map((item) => walk(item, rules));
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      const matching = rules.filter((r) => r[0] === key || r[0] === "*");
      if (matching.some((r) => r.length === 1)) {
        out[key] = REDACTED;
        count++;
      } else {
        out[key] = walk(
          child,
          matching.map((r) => r.slice(1)),
        );
      }
    }
    return out;
  };
  const result = walk(value, split);
  return { value: result, count };
}

export function isValidRedactionPath(path: string): boolean {
  return path.length <= 200 && /^([A-Za-z0-9_-]+|\*)(\.([A-Za-z0-9_-]+|\*))*$/.test(path);
}
