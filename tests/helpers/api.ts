import type { Pool } from "pg";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { GET as getTransactionEvents } from "@/app/api/v1/transactions/[id]/events/route";
import { GET as getTransactions } from "@/app/api/v1/transactions/route";
import { createApiKey } from "@/lib/services/create-api-key";

// Calls the route handlers exactly as Next does: a Web Request in, a Response out.
const BASE = "http://crossdock.test";

export async function newApiKey(
  pool: Pool,
  system = "middleware-test",
  scopes: ("ingest" | "read")[] = ["ingest", "read"],
) {
  return (await createApiKey(pool, { systemName: system, scopes, actor: "test" })).key;
}

export interface JsonResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

async function toResult(response: Response): Promise<JsonResult> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export async function ingest(
  key: string | null,
  body: unknown,
  init: { contentType?: string; raw?: string; headers?: Record<string, string> } = {},
): Promise<JsonResult> {
  const headers: Record<string, string> = { "content-type": init.contentType ?? "application/json", ...init.headers };
  if (key) headers.authorization = `Bearer ${key}`;
  const request = new Request(`${BASE}/api/v1/events`, {
    method: "POST",
    headers,
    body: init.raw ?? JSON.stringify(body),
  });
  return toResult(await postEvents(request));
}

// Sends a prepared HTTP message (headers + raw body), e.g. one built by the CloudEvents SDK.
export async function ingestMessage(
  key: string,
  message: { headers: Record<string, unknown>; body: unknown },
): Promise<JsonResult> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  for (const [name, value] of Object.entries(message.headers)) headers[name] = String(value);
  const body = typeof message.body === "string" ? message.body : JSON.stringify(message.body);
  return toResult(await postEvents(new Request(`${BASE}/api/v1/events`, { method: "POST", headers, body })));
}

export async function findTransactions(key: string, query: Record<string, string>): Promise<JsonResult> {
  const url = `${BASE}/api/v1/transactions?${new URLSearchParams(query)}`;
  return toResult(await getTransactions(new Request(url, { headers: { authorization: `Bearer ${key}` } })));
}

export async function transactionEvents(key: string, id: string): Promise<JsonResult> {
  const request = new Request(`${BASE}/api/v1/transactions/${encodeURIComponent(id)}/events`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return toResult(await getTransactionEvents(request, { params: Promise.resolve({ id }) }));
}
