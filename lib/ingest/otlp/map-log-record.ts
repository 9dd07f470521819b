import { createHash } from "node:crypto";
import { anyValue, attributeText, layered } from "./attributes";
import { ATTRIBUTE, crossdockFields } from "./crossdock-attributes";
import { dropUndefined } from "./map-span";
import { FAILURE_STAGES, hexIdProblem, type MappedItem, nanosToIso, problem } from "./mapped-item";
import { exceptionOf, httpStatusOf, layerOfLogRecord, serviceName } from "./otel-conventions";
import type { OtlpLogRecord } from "./otlp-request";

// SeverityNumber 17..20 is ERROR, 21..24 FATAL.
const SEVERITY_ERROR = 17;

// One log record -> one event, with the same crossdock.* attributes as a span. A log
// record has no kind and no duration, so its stage must be named (unless its severity
// says it failed), its layer defaults to middleware (the integration log is the
// middleware's), and crossdock.duration_ms gives the duration. The body is the message.
export function mapLogRecord(record: OtlpLogRecord): MappedItem {
  const attrs = layered(record.attributes, record.resource);
  const c = crossdockFields(attrs);
  const label =
    record.spanId || record.traceId
      ? `log record of span ${record.spanId || "(none)"} in trace ${record.traceId || "(none)"}`
      : "log record";
  const problems = [];
  if (record.traceId !== "") problems.push(hexIdProblem("traceId", record.traceId, 32));
  if (record.spanId !== "") problems.push(hexIdProblem("spanId", record.spanId, 16));
  const failed = record.severityNumber >= SEVERITY_ERROR || (c.stage !== undefined && FAILURE_STAGES.includes(c.stage));
  if (c.workflow === undefined)
    problems.push(problem(ATTRIBUTE.workflow, "is required (on the log record or its resource)"));
  if (c.stage === undefined && !failed)
    problems.push(problem(ATTRIBUTE.stage, "is required on a log record below severity ERROR"));
  if (c.transactionId === undefined && record.traceId === "")
    problems.push(problem(ATTRIBUTE.transactionId, "is required when the log record has no trace id"));
  const time = record.timeNanos ?? record.observedNanos;
  if (time === null) problems.push(problem("timeUnixNano", "is missing"));

  const body = attributeText(anyValue(record.body));
  const exception = exceptionOf(attrs);
  const httpStatus = httpStatusOf(attrs);
  const native: Record<string, unknown> = {
    id: c.eventId ?? `otlp-log:${fingerprint(record)}`,
    transactionId: c.transactionId ?? (record.traceId || undefined),
    workflow: c.workflow,
    stage: c.stage === undefined || (failed && !FAILURE_STAGES.includes(c.stage)) ? "failed" : c.stage,
    layer: c.layer ?? layerOfLogRecord(attrs),
    occurredAt: time === null ? undefined : nanosToIso(time),
    durationMs: c.durationMs,
    source: c.source ?? serviceName(attrs),
    target: c.target,
    site: c.site,
    businessKey: c.businessKey,
    refs: c.refs,
    value: c.value,
    quantity: c.quantity,
    attempt: c.attempt,
    traceId: record.traceId || undefined,
    spanId: record.spanId || undefined,
  };
  if (failed || c.errorCode !== undefined || c.errorMessage !== undefined || c.errorRetryable !== undefined) {
    native.error = {
      code:
        c.errorCode ??
        exception.type ??
        (httpStatus !== undefined && httpStatus >= 400 ? `HTTP_${httpStatus}` : undefined),
      message: c.errorMessage ?? exception.message ?? body,
      retryable: c.errorRetryable,
    };
  }
  const origin: Record<string, string> = { occurredAt: "timeUnixNano", traceId: "traceId", spanId: "spanId" };
  if (c.transactionId === undefined) origin.transactionId = "traceId";
  return { native: dropUndefined(native), label, problems: problems.filter((p) => p !== null), origin };
}

// A log record carries no id of its own; the same record sent again (a retried export)
// must give the same event id, so it is derived from the record's content.
function fingerprint(record: OtlpLogRecord): string {
  const attributes = [...record.attributes].sort(([a], [b]) => (a < b ? -1 : 1));
  const content = JSON.stringify([
    record.traceId,
    record.spanId,
    String(record.timeNanos ?? record.observedNanos),
    record.severityNumber,
    record.body ?? null,
    attributes,
  ]);
  return createHash("sha256").update(content).digest("hex").slice(0, 32);
}
