import { createHash } from "node:crypto";
import type { Pool } from "pg";
import { AppError } from "@/lib/errors";
import { jsonResponse } from "./responses";

// The Idempotency-Key request header on the API's commands (replay, resolve, cancel), as
// the IETF httpapi draft describes it: a call repeated with the same key by the same API
// key answers the first call's result and starts nothing; the same key with a different
// request (method, path or body) is a 422. The first answer is kept for
// API_IDEMPOTENCY_TTL_HOURS. A refusal (4xx) is an answer like any other and is repeated;
// a failure of ours (5xx, database down) is not kept, so the retry runs.

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
// A call this old without an answer will not get one: the process died while running it.
const ABANDONED_MS = 10 * 60_000;
// Expired rows deleted per new key, so the table stays bounded without a job of its own.
const PURGE_BATCH = 100;

export interface CommandAnswer {
  status: number;
  body: unknown;
}

export interface IdempotentCall {
  pool: Pool;
  apiKeyId: number;
  request: Request;
  body: unknown; // the parsed request body, for the fingerprint
  ttlHours: number;
}

export async function answerOnce(call: IdempotentCall, run: () => Promise<CommandAnswer>): Promise<Response> {
  const key = call.request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return respond(await run());
  if (!VALID_KEY.test(key))
    throw new AppError(400, "Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID.", {
      fields: { "Idempotency-Key": "1 to 255 visible ASCII characters" },
    });
  const fingerprint = fingerprintOf(call.request, call.body);
  const earlier = await claim(call, key, fingerprint);
  if (earlier) return earlier;

  let answer: CommandAnswer;
  try {
    answer = await run();
  } catch (error) {
    if (!(error instanceof AppError)) {
      await call.pool
        .query("DELETE FROM api_idempotency_keys WHERE api_key_id = $1 AND key = $2", [call.apiKeyId, key])
        .catch(() => undefined); // left running, the key answers 409 until it expires: nothing runs twice
      throw error;
    }
    answer = {
      status: error.status,
      body: { error: { status: error.status, message: error.message, ...error.details } },
    };
  }
  const text = JSON.stringify(answer.body);
  await call.pool.query(
    "UPDATE api_idempotency_keys SET status_code = $3, response = $4 WHERE api_key_id = $1 AND key = $2",
    [call.apiKeyId, key, answer.status, text],
  );
  return rawResponse(text, answer.status);
}

// The key is taken by inserting its row (a new key, or one whose row has expired); if the
// row is there already, the earlier call's answer, a 422 or a 409 is returned instead.
async function claim(call: IdempotentCall, key: string, fingerprint: string): Promise<Response | null> {
  await call.pool.query(
    `DELETE FROM api_idempotency_keys WHERE (api_key_id, key) IN (
       SELECT api_key_id, key FROM api_idempotency_keys WHERE expires_at < now() LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)`,
  );
  // A row deleted between the insert and the read (its call failed) is claimed on the next round.
  for (let round = 0; round < 3; round++) {
    const taken = await call.pool.query(
      `INSERT INTO api_idempotency_keys (api_key_id, key, fingerprint, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4))
       ON CONFLICT (api_key_id, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, status_code = NULL, response = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE api_idempotency_keys.expires_at < now()
       RETURNING 1`,
      [call.apiKeyId, key, fingerprint, call.ttlHours],
    );
    if (taken.rowCount === 1) return null;
    const { rows } = await call.pool.query<{
      fingerprint: string;
      status_code: number | null;
      response: string | null;
      created_at: Date;
    }>(
      "SELECT fingerprint, status_code, response::text AS response, created_at FROM api_idempotency_keys WHERE api_key_id = $1 AND key = $2",
      [call.apiKeyId, key],
    );
    const row = rows[0];
    if (!row) continue;
    if (row.fingerprint !== fingerprint)
      throw new AppError(
        422,
        "This Idempotency-Key was already used for a different request (another path or body). Send a new request with a new key.",
      );
    if (row.status_code === null) {
      if (Date.now() - row.created_at.getTime() > ABANDONED_MS)
        throw new AppError(
          409,
          "An earlier request with this Idempotency-Key did not finish (the server stopped while working on it). Check its outcome, then send a new request with a new key.",
        );
      throw new AppError(
        409,
        "A request with this Idempotency-Key is still being processed; retry shortly.",
        undefined,
        {
          "retry-after": "1",
        },
      );
    }
    return rawResponse(row.response ?? "null", row.status_code, { [REPLAYED_HEADER]: "true" });
  }
  throw new AppError(
    409,
    "A request with this Idempotency-Key is being retried at the same moment; retry shortly.",
    undefined,
    {
      "retry-after": "1",
    },
  );
}

// Method, path and body with its keys sorted: whitespace and key order do not make a request different.
export function fingerprintOf(request: Request, body: unknown): string {
  const { pathname } = new URL(request.url);
  return createHash("sha256")
    .update(`${request.method} ${pathname}\n${canonicalJson(body)}`)
    .digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function respond(answer: CommandAnswer): Response {
  return jsonResponse(answer.body, answer.status);
}

function rawResponse(text: string, status: number, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}
