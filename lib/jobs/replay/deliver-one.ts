import { randomBytes } from "node:crypto";
import { OutboundRefusedError, outboundFetch } from "@/lib/net/outbound-guard";
import { checkRecord } from "./check-record";
import { isObject, messageOf, readBody, stringField } from "./http-body";
import type { LeasedReplay } from "./lease-replays";

// One delivery attempt to a replay endpoint, over HTTP, outside any DB transaction.
// 2xx: accepted (or "already posted" when the target says it was a duplicate); 4xx: the
// target refused it, fail at once with its message; 5xx, timeouts and network errors:
// transient, retried with backoff by the caller. An address refused as internal is
// transient too: it goes through once an operator allows it.
//
// A re-send of the same replay (its first send got no answer in time, or the worker died
// before recording it) may meet the target's memory of that very replay: "duplicate" or
// "in progress" naming OUR replay id. That is the first send having been taken, so it is
// accepted: the target reports the outcome, and resolving it here would hide that.

export type DeliveryOutcome =
  | { kind: "accepted"; httpStatus: number }
  | { kind: "already_posted"; httpStatus: number; documentId: string | null; via: "record_check" | "target" }
  | { kind: "rejected"; httpStatus: number; message: string }
  | { kind: "transient"; httpStatus: number | null; message: string };

export async function deliverOne(r: LeasedReplay): Promise<DeliveryOutcome> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (r.authHeader) headers.authorization = r.authHeader;
  try {
    if (r.recordCheckUrl && r.businessKey) {
      const check = await checkRecord({
        recordCheckUrl: r.recordCheckUrl,
        workflow: r.workflow,
        businessKey: r.businessKey,
        authHeader: r.authHeader,
        timeoutMs: r.timeoutMs,
      });
      if (check.kind === "exists")
        return { kind: "already_posted", httpStatus: 200, documentId: check.documentId, via: "record_check" };
      if (check.kind === "other")
        return failure(check.httpStatus, `Record check answered ${check.httpStatus}: ${check.message}`);
    }
    const res = await outboundFetch(r.endpoint, {
      method: "POST",
      headers: { ...headers, "idempotency-key": r.idempotencyKey, traceparent: traceparentOf(r.traceId) },
      body: JSON.stringify(r.body),
      signal: AbortSignal.timeout(r.timeoutMs),
    });
    const body = await readBody(res);
    if (res.ok) {
      return isObject(body) && body.duplicate === true && stringField(body, "replayId") !== r.id
        ? { kind: "already_posted", httpStatus: res.status, documentId: stringField(body, "documentId"), via: "target" }
        : { kind: "accepted", httpStatus: res.status };
    }
    const error = isObject(body) && isObject(body.error) ? body.error : null;
    if (res.status === 409 && error?.inProgress === true && stringField(error, "replayId") === r.id)
      return { kind: "accepted", httpStatus: res.status };
    return failure(res.status, messageOf(body));
  } catch (error) {
    if (error instanceof OutboundRefusedError)
      return { kind: "transient", httpStatus: null, message: `Not sent: ${error.message}` };
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return {
      kind: "transient",
      httpStatus: null,
      message: timedOut
        ? `No answer within ${r.timeoutMs} ms.`
        : `Could not reach the replay endpoint (${describe(error)}).`,
    };
  }
}

function failure(status: number, message: string): DeliveryOutcome {
  return status >= 400 && status < 500 && status !== 408 && status !== 429
    ? { kind: "rejected", httpStatus: status, message }
    : { kind: "transient", httpStatus: status, message: `HTTP ${status}: ${message}` };
}

// W3C trace context: the transaction's trace when it has a valid one, a new span each time.
function traceparentOf(traceId: string | null): string {
  const trace = traceId && /^[0-9a-f]{32}$/.test(traceId) ? traceId : randomBytes(16).toString("hex");
  return `00-${trace}-${randomBytes(8).toString("hex")}-01`;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
