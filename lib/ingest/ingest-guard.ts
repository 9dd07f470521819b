import type { Pool } from "pg";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { type ApiCaller, authenticateApiKey } from "@/lib/auth/api-keys";
import { getEnv } from "@/lib/env";

// Overload protection shared by every ingest endpoint (native, CloudEvents, OTLP), so
// all of them answer alike: 503 + Retry-After when this process already has too many
// ingest requests in progress (checked before anything else, so a flood costs no
// database work), 429 + Retry-After when one API key sends more requests per window
// than allowed. Both are per process: behind a load balancer each instance protects
// itself, which is what a limit on in-process work is for.

export type GuardRefusal = { status: 429 | 503; retryAfterSeconds: number; message: string };

export interface IngestGuard {
  // admitted (call release when the request ends; a second call is ignored) or refused
  enter(): { release: () => void } | GuardRefusal;
  // one request of this API key against its rate limit; null when within it
  consume(apiKeyId: number): Promise<GuardRefusal | null>;
  readonly inFlight: number;
}

export interface GuardSettings {
  maxInFlight: number;
  // 0: no per-key limit
  requestsPerWindow: number;
  windowSeconds: number;
}

export function createIngestGuard(settings: GuardSettings): IngestGuard {
  let inFlight = 0;
  const limiter =
    settings.requestsPerWindow > 0
      ? new RateLimiterMemory({ points: settings.requestsPerWindow, duration: settings.windowSeconds })
      : null;
  return {
    get inFlight() {
      return inFlight;
    },
    enter() {
      if (inFlight >= settings.maxInFlight) {
        return {
          status: 503,
          retryAfterSeconds: 1,
          message: `The server is busy (${settings.maxInFlight} ingest requests in progress); nothing was stored. Retry later.`,
        };
      }
      inFlight++;
      let released = false;
      return {
        release: () => {
          if (!released) inFlight--;
          released = true;
        },
      };
    },
    async consume(apiKeyId) {
      if (!limiter) return null;
      try {
        await limiter.consume(String(apiKeyId));
        return null;
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        return {
          status: 429,
          retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
          message: `This API key sent more than ${settings.requestsPerWindow} ingest requests in ${settings.windowSeconds} s; nothing was stored. Retry later.`,
        };
      }
    },
  };
}

// One guard per process, from the environment.
const globalForGuard = globalThis as unknown as { crossdockIngestGuard?: IngestGuard };

export function getIngestGuard(): IngestGuard {
  if (!globalForGuard.crossdockIngestGuard) {
    const env = getEnv();
    globalForGuard.crossdockIngestGuard = createIngestGuard({
      maxInFlight: env.INGEST_MAX_IN_FLIGHT,
      requestsPerWindow: env.INGEST_RATE_LIMIT_REQUESTS,
      windowSeconds: env.INGEST_RATE_LIMIT_WINDOW_SECONDS,
    });
  }
  return globalForGuard.crossdockIngestGuard;
}

export function isRefusal(value: { release: () => void } | GuardRefusal): value is GuardRefusal {
  return "status" in value;
}

// The door of every ingest endpoint, in the order that keeps refusals cheap: overload
// first (no database work), then the API key, then that key's rate. An admitted request
// holds an in-flight slot until it calls release(); a refused one holds nothing.
export type IngestAdmission =
  | { ok: true; caller: ApiCaller; release: () => void }
  | { ok: false; status: number; message: string; headers: Record<string, string>; retryAfterSeconds?: number };

export async function admitIngest(pool: Pool, authorization: string | null): Promise<IngestAdmission> {
  const guard = getIngestGuard();
  const entered = guard.enter();
  if (isRefusal(entered)) return refused(entered);
  try {
    const auth = await authenticateApiKey(pool, authorization, "ingest");
    if (!auth.ok) {
      entered.release();
      return { ok: false, status: auth.status, message: auth.message, headers: { "www-authenticate": "Bearer" } };
    }
    const limited = await guard.consume(auth.caller.keyId);
    if (limited) {
      entered.release();
      return refused(limited);
    }
    return { ok: true, caller: auth.caller, release: entered.release };
  } catch (error) {
    entered.release();
    throw error;
  }
}

function refused(r: GuardRefusal): IngestAdmission {
  return {
    ok: false,
    status: r.status,
    message: r.message,
    headers: { "retry-after": String(r.retryAfterSeconds) },
    retryAfterSeconds: r.retryAfterSeconds,
  };
}
