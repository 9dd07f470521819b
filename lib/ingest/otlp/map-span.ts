import type { Layer } from "@/lib/domain/vocabulary";
import { layered } from "./attributes";
import { ATTRIBUTE, crossdockFields } from "./crossdock-attributes";
import { FAILURE_STAGES, hexIdProblem, type MappedItem, nanosToIso, problem } from "./mapped-item";
import { exceptionOf, httpStatusOf, layerOfSpan, peerOf, serviceName } from "./otel-conventions";
import type { OtlpSpan } from "./otlp-request";

// The step a span describes when it names none: what usually happens at its layer.
const DEFAULT_STAGE: Record<Layer, string> = {
  source_api: "received",
  middleware: "transformed",
  broker: "published",
  target_api: "delivered",
};

// One span -> one event (README, "OpenTelemetry (OTLP/HTTP)"). The trace is the
// transaction unless crossdock.transaction_id names another; trace id + span id is the
// event id, so re-sending an export gives duplicates, never second events.
export function mapSpan(span: OtlpSpan): MappedItem {
  const attrs = layered(span.attributes, span.resource);
  const c = crossdockFields(attrs);
  const label = `span ${span.spanId || "(no span id)"} of trace ${span.traceId || "(no trace id)"}${span.name ? ` (${JSON.stringify(span.name)})` : ""}`;
  const problems = [hexIdProblem("traceId", span.traceId, 32), hexIdProblem("spanId", span.spanId, 16)].filter(
    (p) => p !== null,
  );
  if (span.parentSpanId !== "") {
    const parent = hexIdProblem("parentSpanId", span.parentSpanId, 16);
    if (parent) problems.push(parent);
  }
  if (c.workflow === undefined) problems.push(problem(ATTRIBUTE.workflow, "is required (on the span or its resource)"));
  const start = span.startNanos ?? span.endNanos;
  if (start === null) problems.push(problem("startTimeUnixNano", "is missing"));
  let durationMs: unknown = c.durationMs;
  if (span.startNanos !== null && span.endNanos !== null) {
    if (span.endNanos < span.startNanos) problems.push(problem("endTimeUnixNano", "is before startTimeUnixNano"));
    else durationMs = Math.round(Number(span.endNanos - span.startNanos) / 1e6);
  }

  const httpStatus = httpStatusOf(attrs);
  const exception = exceptionOf(attrs, span.events);
  const failed =
    span.status.error ||
    (httpStatus !== undefined && httpStatus >= 500) ||
    (c.stage !== undefined && FAILURE_STAGES.includes(c.stage));
  const layer = c.layer ?? layerOfSpan(span.kind, attrs);
  // A span with status ERROR is a failed step even when its stage names the step it tried.
  const stage =
    c.stage === undefined
      ? failed
        ? "failed"
        : (DEFAULT_STAGE[layer as Layer] ?? "transformed")
      : failed && !FAILURE_STAGES.includes(c.stage)
        ? "failed"
        : c.stage;

  const native: Record<string, unknown> = {
    id: c.eventId ?? `otlp:${span.traceId}:${span.spanId}`,
    transactionId: c.transactionId ?? (span.traceId || undefined),
    workflow: c.workflow,
    stage,
    layer,
    occurredAt: start === null ? undefined : nanosToIso(start),
    durationMs,
    source: c.source ?? serviceName(attrs),
    target: c.target ?? peerOf(span.kind, attrs),
    site: c.site,
    businessKey: c.businessKey,
    refs: c.refs,
    value: c.value,
    quantity: c.quantity,
    attempt: c.attempt,
    traceId: span.traceId || undefined,
    spanId: span.spanId || undefined,
    parentSpanId: span.parentSpanId || undefined,
  };
  if (failed || c.errorCode !== undefined || c.errorMessage !== undefined || c.errorRetryable !== undefined) {
    native.error = {
      code:
        c.errorCode ??
        exception.type ??
        (httpStatus !== undefined && httpStatus >= 400 ? `HTTP_${httpStatus}` : undefined),
      message: c.errorMessage ?? (span.status.message || exception.message),
      retryable: c.errorRetryable,
    };
  }
  const origin: Record<string, string> = {
    occurredAt: "startTimeUnixNano",
    durationMs: span.endNanos !== null ? "endTimeUnixNano" : ATTRIBUTE.durationMs,
    traceId: "traceId",
    spanId: "spanId",
    parentSpanId: "parentSpanId",
  };
  if (c.transactionId === undefined) origin.transactionId = "traceId";
  if (c.layer === undefined) origin.layer = "kind";
  return { native: dropUndefined(native), label, problems, origin };
}

// In place: this runs once per span, and copying the object showed up in profiles.
export function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  for (const key in o) if (o[key] === undefined) delete o[key];
  return o;
}
