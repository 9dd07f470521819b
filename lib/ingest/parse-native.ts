import type { z } from "zod";
import type { Refs } from "@/lib/domain/derive-transaction";
import { redact } from "@/lib/domain/redact";
import { REF_KEYS } from "@/lib/domain/vocabulary";
import type { CanonicalEvent, FieldError, ItemOutcome } from "./canonical-event";
import { nativeEventSchema, type NativeEvent } from "./native-event";

export interface ParsedItem {
  index: number;
  event: CanonicalEvent;
  payloadJson: string | null;
}

export interface ParsedBatch {
  items: ParsedItem[];
  rejected: ItemOutcome[];
  total: number;
}

export class BatchShapeError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
  ) {
    super(message);
  }
}

export interface ParseLimits {
  maxEvents: number;
  maxPayloadBytes: number;
  // payload field paths masked before anything is stored (lib/domain/redact.ts)
  redactPaths?: readonly string[];
}

// Body -> validated canonical events. One bad item is rejected with its field paths;
// the others go on. Only a body of the wrong shape fails as a whole.
export function parseNativeBody(body: unknown, limits: ParseLimits): ParsedBatch {
  const { list, prefix } = unwrapBatch(body);
  if (list.length > limits.maxEvents) {
    throw new BatchShapeError(`The batch has ${list.length} events; the limit is ${limits.maxEvents} per request.`, 413);
  }
  const items: ParsedItem[] = [];
  const rejected: ItemOutcome[] = [];
  list.forEach((raw, index) => {
    const at = prefix === null ? "" : `${prefix}[${index}].`;
    const id = idOf(raw);
    const result = nativeEventSchema.safeParse(raw);
    if (!result.success) {
      rejected.push({ index, id, status: "rejected", errors: fieldErrors(result.error, at) });
      return;
    }
    const payload = result.data.payload === undefined ? undefined : redact(result.data.payload, limits.redactPaths ?? []).value;
    const payloadJson = payload === undefined ? null : JSON.stringify(payload);
    const payloadBytes = payloadJson === null ? 0 : Buffer.byteLength(payloadJson);
    if (payloadBytes > limits.maxPayloadBytes) {
      rejected.push({
        index,
        id,
        status: "rejected",
        errors: [
          {
            path: `${at}payload`,
            code: "payload_too_large",
            message: `payload is ${payloadBytes} bytes; the limit is ${limits.maxPayloadBytes} bytes per event`,
          },
        ],
      });
      return;
    }
    items.push({ index, event: { ...toCanonical(result.data), payload }, payloadJson });
  });
  return { items, rejected, total: list.length };
}

function unwrapBatch(body: unknown): { list: unknown[]; prefix: string | null } {
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    if ("events" in body) {
      const events = (body as { events: unknown }).events;
      if (!Array.isArray(events)) throw new BatchShapeError('"events" must be an array of event objects.', 400);
      return { list: events, prefix: "events" };
    }
    return { list: [body], prefix: null };
  }
  throw new BatchShapeError('The body must be one event object or {"events": [ ... ]}.', 400);
}

function idOf(raw: unknown): string | undefined {
  const id = raw !== null && typeof raw === "object" ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : undefined;
}

function fieldErrors(error: z.ZodError, at: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: `${at}${issue.path.map(String).join(".")}`.replace(/\.$/, "") || "(event)",
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
