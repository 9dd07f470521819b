import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { describeIssues } from "./contract";

// SIMULATION, not product code. Small node:http helpers: JSON in and out, errors in
// Crossdock's shape ({"error": {"status", "message", ...}}), bearer-token check.

export class Problem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendProblem(res: ServerResponse, problem: Problem): void {
  sendJson(
    res,
    problem.status,
    { error: { status: problem.status, message: problem.message, ...problem.details } },
    problem.headers,
  );
}

export async function readBody(req: IncomingMessage, maxBytes = 2 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new Problem(413, `The request body exceeds ${maxBytes} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function parseJson(text: string): unknown {
  if (text.trim() === "") throw new Problem(400, "The request body is empty; send a JSON object.", { field: "" });
  try {
    return JSON.parse(text);
  } catch {
    throw new Problem(400, "The request body is not valid JSON.", { field: "" });
  }
}

export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { field, message } = describeIssues(parsed.error);
  throw new Problem(400, message, { field });
}

// The replay endpoint's auth header: "Authorization: Bearer <token>" (the bare token is accepted too).
export function checkToken(req: IncomingMessage, token: string): void {
  const header = req.headers.authorization?.trim() ?? "";
  const given = header.match(/^Bearer\s+(\S+)$/i)?.[1] ?? header;
  if (!given || !sameSecret(given, token)) {
    throw new Problem(
      401,
      "Missing or wrong token: send 'Authorization: Bearer <REPLAY_TARGET_TOKEN>'.",
      {},
      { "www-authenticate": "Bearer" },
    );
  }
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
