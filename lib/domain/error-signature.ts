// An error with its variable parts removed, plus where it happened, so that 500
// failures of one cause become one group (docs/domain.md: "Error signature").

const VARIABLE_PARTS: [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>"],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?\b/g, "<time>"],
  [/\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, "<email>"],
  [/"[^"]*"|'[^']*'/g, "<str>"],
  [/\b0x[0-9a-f]+\b|\b[0-9a-f]{12,}\b/gi, "<hex>"],
  // Business ids such as SHP-1001, L-77, PO_2024_118: letters joined to digits.
  [/\b[A-Za-z]{1,10}[-_]?\d[\w-]*\b/g, "<id>"],
  [/\b\d+([.,]\d+)?\b/g, "<n>"],
];

export function normalizeErrorMessage(message: string): string {
  let text = message;
  for (const [pattern, token] of VARIABLE_PARTS) text = text.replace(pattern, token);
  return text.replace(/\s+/g, " ").trim().slice(0, 300);
}

export interface ErrorSignatureInput {
  layer: string;
  target?: string | null;
  code?: string | null;
  message?: string | null;
}

export function errorSignature(input: ErrorSignatureInput): string {
  const what = input.code || (input.message ? normalizeErrorMessage(input.message) : "unknown error");
  const detail = input.code && input.message ? ` ${normalizeErrorMessage(input.message)}` : "";
  return `${input.layer}|${input.target ?? "-"}|${what}${detail}`;
}
