import { type ParseError, parse as parseTolerant } from "jsonc-parser";
import { AppError } from "@/lib/errors";
import { readLimitedBody } from "./read-limited-body";

const JSON_TYPES = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

// Reads a JSON request body with a size limit enforced while streaming.
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!JSON_TYPES.test(type)) {
    throw new AppError(
      415,
      `Content-Type must be application/json, application/cloudevents+json or application/cloudevents-batch+json (got ${type ? `'${type}'` : "none"}).`,
    );
  }
  const text = await readText(request, maxBytes);
  if (text.trim() === "")
    throw new AppError(400, 'The request body is empty; send one event object or {"events": [...]}.');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, `Malformed JSON: ${describeJsonError(text)}`);
  }
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new AppError(413, `The request body exceeds the limit of ${maxBytes} bytes.`, { limitBytes: maxBytes });
  return (await readLimitedBody(request, maxBytes, tooLarge)).toString("utf8");
}

// JSON.parse does not always say where; a tolerant parser finds the first error's offset.
export function describeJsonError(text: string): string {
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const offset = first?.offset ?? text.length;
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  const near = JSON.stringify(text.slice(Math.max(0, offset - 15), offset + 15));
  return `syntax error at line ${line}, column ${column} (position ${offset}) near ${near}`;
}
