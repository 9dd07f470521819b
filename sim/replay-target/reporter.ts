import { setTimeout as sleep } from "node:timers/promises";
import type { NativeEventInput } from "./outcome";

// SIMULATION, not product code. Sends outcome events to Crossdock's public ingest API
// (POST <crossdockUrl>/api/v1/events), retrying with exponential backoff and jitter while
// Crossdock is unreachable or answers 408/429/5xx. Event ids are stable, so a retry of a
// request that did arrive is reported back as duplicates, never stored twice.

export interface RetryOptions {
  firstDelayMs?: number;
  maxDelayMs?: number;
  maxTries?: number;
  requestTimeoutMs?: number;
}

export interface ReporterOptions {
  crossdockUrl: string;
  apiKey: string;
  log: (line: string) => void;
  retry?: RetryOptions;
}

export interface Reporter {
  // Resolves true once Crossdock took the events, false when it gave up.
  send(events: NativeEventInput[], label: string): Promise<boolean>;
  close(): void;
}

const isRetryable = (status: number) => status === 408 || status === 425 || status === 429 || status >= 500;

export function createReporter(options: ReporterOptions): Reporter {
  const { firstDelayMs = 250, maxDelayMs = 15_000, maxTries = 12, requestTimeoutMs = 10_000 } = options.retry ?? {};
  const endpoint = new URL("/api/v1/events", options.crossdockUrl).toString();
  const closing = new AbortController();

  async function attempt(
    events: NativeEventInput[],
  ): Promise<{ done: boolean; retryAfterMs?: number; problem?: string }> {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ events }),
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(requestTimeoutMs)]),
      });
    } catch (error) {
      return { done: false, problem: `Crossdock unreachable (${describe(error)})` };
    }
    const text = await response.text().catch(() => "");
    if (response.ok) {
      const rejected = safeJson(text)?.rejected;
      if (typeof rejected === "number" && rejected > 0)
        options.log(`replay-target: Crossdock rejected ${rejected} event(s): ${text.slice(0, 500)}`);
      return { done: true };
    }
    const problem = `Crossdock answered ${response.status}: ${text.slice(0, 300)}`;
    if (!isRetryable(response.status)) throw new Error(problem);
    const retryAfter = Number(response.headers.get("retry-after"));
    return {
      done: false,
      problem,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    };
  }

  return {
    async send(events, label) {
      for (let tries = 1; !closing.signal.aborted; tries++) {
        let result: Awaited<ReturnType<typeof attempt>>;
        try {
          result = await attempt(events);
        } catch (error) {
          options.log(`replay-target: giving up reporting ${label}: ${describe(error)}`);
          return false;
        }
        if (result.done) return true;
        if (tries >= maxTries) {
          options.log(`replay-target: giving up reporting ${label} after ${tries} tries: ${result.problem}`);
          return false;
        }
        const backoff = Math.min(maxDelayMs, firstDelayMs * 2 ** (tries - 1)) * (0.5 + Math.random() / 2);
        const wait = Math.min(maxDelayMs, Math.max(backoff, result.retryAfterMs ?? 0));
        options.log(
          `replay-target: ${result.problem}; retrying ${label} in ${Math.round(wait)} ms (try ${tries} of ${maxTries})`,
        );
        try {
          await sleep(wait, undefined, { signal: closing.signal });
        } catch {
          break;
        }
      }
      return false;
    },
    close() {
      closing.abort();
    },
  };
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
