import type { Pool } from "pg";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { OutboundRefusedError, outboundFetch } from "@/lib/net/outbound-guard";

// "Test endpoint" on the admin systems screen: can Crossdock reach this replay endpoint,
// and does it take our credentials? The target's GET /health when it has one, then a HEAD
// of the endpoint itself with the auth header. Nothing is posted, so nothing is replayed.

export interface EndpointCheck {
  ok: boolean;
  summary: string; // one line for the admin
  health: number | null; // HTTP status of <origin>/health, null when unreachable
  endpoint: number | null; // HTTP status of HEAD <endpoint>
  ms: number;
}

export async function testReplayEndpoint(pool: Pool, systemId: number): Promise<EndpointCheck> {
  const { rows } = await pool.query<{
    replay_endpoint: string | null;
    replay_auth_header: string | null;
    replay_timeout_ms: number;
  }>("SELECT replay_endpoint, replay_auth_header, replay_timeout_ms FROM systems WHERE id = $1", [systemId]);
  const system = rows[0];
  if (!system) throw new AppError(404, "There is no system with this id.");
  if (!system.replay_endpoint)
    throw new AppError(409, "This system has no replay endpoint to test; enter one and save first.");
  let authorization: string | undefined;
  try {
    authorization = system.replay_auth_header ? decryptSecret(system.replay_auth_header) : undefined;
  } catch (error) {
    return {
      ok: false,
      summary: `The stored auth header cannot be read (${(error as Error).message}); enter it again.`,
      health: null,
      endpoint: null,
      ms: 0,
    };
  }
  const started = Date.now();
  const timeout = Math.min(system.replay_timeout_ms, 10_000);
  const health = await statusOf(new URL("/health", system.replay_endpoint).toString(), "GET", undefined, timeout);
  const endpoint = await statusOf(system.replay_endpoint, "HEAD", authorization, timeout);
  const ms = Date.now() - started;
  const status = typeof endpoint === "number" ? endpoint : null;
  return {
    ok: status !== null && verdict(status).ok,
    summary:
      typeof endpoint === "string"
        ? endpoint
        : `${verdict(endpoint).text} (HTTP ${endpoint}, ${ms} ms${typeof health === "number" ? `; health HTTP ${health}` : ""}).`,
    health: typeof health === "number" ? health : null,
    endpoint: status,
    ms,
  };
}

// What an answer to HEAD means for a POST-only replay endpoint.
function verdict(status: number): { ok: boolean; text: string } {
  if (status === 401 || status === 403)
    return { ok: false, text: "Reachable, but the endpoint refused the auth header" };
  if (status === 404) return { ok: false, text: "Reachable, but there is nothing at this path" };
  if (status >= 500) return { ok: false, text: "Reachable, but the endpoint answered with a server error" };
  // 2xx, or 405/400: it is there and only wants a POST with a body.
  return { ok: true, text: "Reachable" };
}

async function statusOf(
  url: string,
  method: "GET" | "HEAD",
  authorization: string | undefined,
  timeoutMs: number,
): Promise<number | string> {
  try {
    const res = await outboundFetch(url, {
      method,
      headers: authorization ? { authorization } : {},
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "manual",
    });
    await res.body?.cancel();
    return res.status;
  } catch (error) {
    if (error instanceof OutboundRefusedError) return `Not called: ${error.message}`;
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return timedOut
      ? `No answer within ${timeoutMs} ms.`
      : `Could not reach ${new URL(url).host} (${cause?.code ?? cause?.message ?? (error as Error).message}).`;
  }
}
