import type { Pool } from "pg";
import { POST as postBulkCancel } from "@/app/api/v1/bulk-replays/[id]/cancel/route";
import { GET as getBulkReplay } from "@/app/api/v1/bulk-replays/[id]/route";
import { POST as postBulkEstimate } from "@/app/api/v1/bulk-replays/estimate/route";
import { POST as postBulkReplay } from "@/app/api/v1/bulk-replays/route";
import { GET as getReplay } from "@/app/api/v1/replays/[id]/route";
import { POST as postCancel } from "@/app/api/v1/transactions/[id]/cancel/route";
import { POST as postReplay } from "@/app/api/v1/transactions/[id]/replay/route";
import { POST as postResolve } from "@/app/api/v1/transactions/[id]/resolve/route";
import type { ApiScope } from "@/lib/auth/api-keys";
import { createApiKey } from "@/lib/services/create-api-key";
import type { JsonResult } from "./api";

// The replay and resolve API as automation calls it: each route handler called as Next
// does, a Web Request in and a Response out (like tests/helpers/api.ts for ingest).
const BASE = "http://crossdock.test";

export interface AutomationKey {
  key: string;
  actor: string; // how the audit log and the trace name it: "api_key:<prefix>"
}

export async function newAutomationKey(
  pool: Pool,
  scopes: ApiScope[],
  sites: string[] = [],
  system = "runbooks",
): Promise<AutomationKey> {
  const created = await createApiKey(pool, { systemName: system, scopes, sites, actor: "test" });
  return { key: created.key, actor: `api_key:${created.prefix}` };
}

export interface CallOptions {
  idempotencyKey?: string;
  raw?: string; // a body sent as is, instead of JSON.stringify(body)
  contentType?: string;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  handler: Handler,
  key: string | null,
  method: "GET" | "POST",
  path: string,
  params: Record<string, string>,
  body?: unknown,
  options: CallOptions = {},
): Promise<JsonResult> {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.idempotencyKey !== undefined) headers["idempotency-key"] = options.idempotencyKey;
  const text = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (text !== undefined) headers["content-type"] = options.contentType ?? "application/json";
  const response = await handler(new Request(`${BASE}${path}`, { method, headers, body: text }), {
    params: Promise.resolve(params),
  });
  const answer = await response.text();
  return { status: response.status, headers: response.headers, body: answer ? JSON.parse(answer) : null };
}

export const replayTransaction = (key: string | null, id: string, body: unknown, options?: CallOptions) =>
  call(postReplay, key, "POST", `/api/v1/transactions/${id}/replay`, { id }, body, options);

export const resolveTransaction = (key: string | null, id: string, body: unknown, options?: CallOptions) =>
  call(postResolve, key, "POST", `/api/v1/transactions/${id}/resolve`, { id }, body, options);

export const cancelTransaction = (key: string | null, id: string, body: unknown, options?: CallOptions) =>
  call(postCancel, key, "POST", `/api/v1/transactions/${id}/cancel`, { id }, body, options);

export const replayStatus = (key: string | null, id: string) =>
  call(getReplay as Handler, key, "GET", `/api/v1/replays/${id}`, { id });

export const requestBulkReplay = (key: string | null, body: unknown, options?: CallOptions) =>
  call(postBulkReplay, key, "POST", "/api/v1/bulk-replays", {}, body, options);

export const estimateBulkReplay = (key: string | null, body: unknown) =>
  call(postBulkEstimate, key, "POST", "/api/v1/bulk-replays/estimate", {}, body);

export const bulkReplayStatus = (key: string | null, id: string) =>
  call(getBulkReplay as Handler, key, "GET", `/api/v1/bulk-replays/${id}`, { id });

export const cancelBulkReplay = (key: string | null, id: string, options?: CallOptions) =>
  call(postBulkCancel, key, "POST", `/api/v1/bulk-replays/${id}/cancel`, { id }, undefined, options);

// The audit rows about one target, oldest first.
export async function auditOf(pool: Pool, targetId: string): Promise<{ actor: string; action: string; after: any }[]> {
  const { rows } = await pool.query("SELECT actor, action, after FROM audit_log WHERE target_id = $1 ORDER BY id", [
    targetId,
  ]);
  return rows;
}
