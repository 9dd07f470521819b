import type { z } from "zod";
import type { Refs } from "@/lib/domain/derive-transaction";
import { redact } from "@/lib/domain/redact";
import type { TraceParent } from "@/lib/domain/traceparent";
import { REF_KEYS } from "@/lib/domain/vocabulary";
import { AppError } from "@/lib/errors";
import type { CanonicalEvent, FieldError, ItemOutcome, ParsedBatch, ParsedItem, ParseLimits } from "./canonical-event";
import { type NativeEvent, nativeEventSchema } from "./native-event";

// Body -> validated canonical events. One bad item is rejected with its field paths;
// the others go on. Only a body of the wrong shape fails as a whole. A request-level
// trace (the `traceparent` header) fills the trace of events that carry none.
export function parseNativeBody(body: unknown, limits: ParseLimits, trace?: TraceParent): ParsedBatch {
  const { list, prefix } = unwrapBatch(body);
  if (list.length > limits.maxEvents) {
    throw new AppError(413, `The batch has ${list.length} events; the limit is ${limits.maxEvents} per request.`);
  }
  const items: ParsedItem[] = [];
  const rejected: ItemOutcome[] = [];
  list.forEach((raw, index) => {
    const at = prefix === null ? "" : `${prefix}[${index}].`;
    const pathOf = (path: readonly PropertyKey[]) =>
      `${at}${path.map(String).join(".")}`.replace(/\.$/, "") || "(event)";
    const result = parseEventItem(raw, { index, id: idOf(raw), limits, pathOf, trace });
    if ("item" in result) items.push(result.item);
    else rejected.push(result.rejected);
  });
  return { items, rejected, total: list.length };
}

export interface ItemContext {
  index: number;
  // the id reported back for this item, also when it is rejected
  id: string | undefined;
  limits: ParseLimits;
  // where a field of the native event sits in the request, for error paths
  pathOf: (path: readonly PropertyKey[]) => string;
  // fills traceId (and parentSpanId) when the event carries no traceId
  trace?: TraceParent;
}

// One native-shaped object -> a stored-ready item or a rejection. Every wire format
// funnels its items through here, so validation and redaction are the same for all.
export function parseEventItem(raw: unknown, ctx: ItemContext): { item: ParsedItem } | { rejected: ItemOutcome } {
  const { index, id, limits, pathOf } = ctx;
  const result = nativeEventSchema.safeParse(raw);
  if (!result.success) {
    return { rejected: { index, id, status: "rejected", errors: fieldErrors(result.error, pathOf) } };
  }
  const payload =
    result.data.payload === undefined ? undefined : redact(result.data.payload, limits.redactPaths ?? []).value;
  const payloadJson = payload === undefined ? null : JSON.stringify(payload);
  const payloadBytes = payloadJson === null ? 0 : Buffer.byteLength(payloadJson);
  if (payloadBytes > limits.maxPayloadBytes) {
    return {
      rejected: {
        index,
        id,
        status: "rejected",
        errors: [
          {
            path: pathOf(["payload"]),
            code: "payload_too_large",
            message: `payload is ${payloadBytes} bytes; the limit is ${limits.maxPayloadBytes} bytes per event`,
          },
        ],
      },
    };
  }
  const event = { ...toCanonical(result.data), payload };
  if (event.traceId === null && ctx.trace) {
    event.traceId = ctx.trace.traceId;
    event.parentSpanId ??= ctx.trace.parentSpanId;
  }
  return { item: { index, event, payloadJson } };
}

function unwrapBatch(body: unknown): { list: unknown[]; prefix: string | null } {
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    if ("events" in body) {
      const events = (body as { events: unknown }).events;
      if (!Array.isArray(events)) throw new AppError(400, '"events" must be an array of event objects.');
      return { list: events, prefix: "events" };
    }
    return { list: [body], prefix: null };
  }
  throw new AppError(400, 'The body must be one event object or {"events": [ ... ]}.');
}

function idOf(raw: unknown): string | undefined {
  const id = raw !== null && typeof raw === "object" ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : undefined;
}

function fieldErrors(error: z.ZodError, pathOf: ItemContext["pathOf"]): FieldError[] {
  return error.issues.map((issue) => ({
    path: pathOf(issue.path),
    message: issue.message,
    code: "invalid" as const,
  }));
}

function toCanonical(e: NativeEvent): CanonicalEvent {
  const refs: Refs = {};
  for (const k of REF_KEYS) if (e.refs?.[k] !== undefined) refs[k] = String(e.refs[k]);
  return {
    eventId: e.id,
    transactionExternalId: e.transactionId,
    workflow: e.workflow,
    stage: e.stage,
    layer: e.layer,
    occurredAt: e.occurredAt,
    durationMs: e.durationMs ?? null,
    sourceSystem: e.source ?? null,
    targetSystem: e.target ?? null,
    site: e.site ?? null,
    businessKey: e.businessKey ?? null,
    refs,
    rawRefs: e.refs ?? null,
    valueAmount: e.value?.amount ?? null,
    valueCurrency: e.value?.currency ?? null,
    quantity: e.quantity ?? null,
    errorCode: e.error?.code ?? null,
    errorMessage: e.error?.message ?? null,
    errorRetryable: e.error?.retryable ?? null,
    attempt: e.attempt ?? null,
    traceId: e.traceId ?? null,
    spanId: e.spanId ?? null,
    parentSpanId: e.parentSpanId ?? null,
    payload: e.payload,
  };
}
