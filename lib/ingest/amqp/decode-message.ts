import { parseTraceparent, type TraceParent } from "@/lib/domain/traceparent";
import { describeJsonError } from "@/lib/http/read-json-body";
import type { ParsedBatch, ParseLimits } from "../canonical-event";
import { CLOUDEVENTS_BATCH, CLOUDEVENTS_STRUCTURED, parseCloudEvents } from "../parse-cloudevents";
import { parseNativeBody } from "../parse-native";
import { binaryAttributes, hasCloudEventsHeaders, renamePath } from "./cloudevents-headers";

// One broker message -> the same parsed items the HTTP API makes of the same body, or the
// reason it cannot be read at all. Which format is told apart as the CloudEvents AMQP
// binding does: the content type first (structured, batched), then `cloudEvents_` headers
// (binary); anything else is the native format (one event or {"events": [...]}).

export interface AmqpMessageProperties {
  contentType?: string;
  contentEncoding?: string;
  headers?: Record<string, unknown>;
}

export type MessageFormat = "native" | "cloudevents-structured" | "cloudevents-batched" | "cloudevents-binary";

export type DecodedMessage =
  | {
      ok: true;
      format: MessageFormat;
      parse: (limits: ParseLimits) => ParsedBatch;
      emptyMessage: string;
      // The rejected items of a batch as a body of the same format, to dead-letter them
      // without the accepted ones; null for a single-event message (dead-letter it whole).
      rejectedBody: (indexes: number[]) => Buffer | null;
    }
  | { ok: false; reason: string };

const JSON_TYPES = /^application\/([\w.+-]+\+)?json$/;

export function decodeMessage(content: Buffer, props: AmqpMessageProperties, maxBodyBytes: number): DecodedMessage {
  const headers = props.headers ?? {};
  const contentType = props.contentType?.trim() || undefined;
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (content.length > maxBodyBytes)
    return fail(`body: ${content.length} bytes exceeds the limit of ${maxBodyBytes} bytes per message`);
  const encoding = props.contentEncoding?.trim().toLowerCase();
  if (encoding && !["identity", "utf-8", "utf8"].includes(encoding)) {
    return fail(`content_encoding: '${props.contentEncoding}' is not supported; send the JSON body uncompressed`);
  }
  const trace = traceOf(headers);
  if (typeof trace === "string") return fail(trace);

  let format: MessageFormat;
  if (mediaType === CLOUDEVENTS_STRUCTURED) format = "cloudevents-structured";
  else if (mediaType === CLOUDEVENTS_BATCH) format = "cloudevents-batched";
  else if (mediaType?.startsWith("application/cloudevents")) {
    return fail(
      `content_type: the event format '${contentType}' is not supported; use ${CLOUDEVENTS_STRUCTURED} or binary mode with JSON data`,
    );
  } else if (hasCloudEventsHeaders(headers)) format = "cloudevents-binary";
  else format = "native";
  // A sender that names a content type must mean JSON; one that names none is read as JSON
  // (many publishing tools leave it empty).
  if (
    (format === "native" || format === "cloudevents-binary") &&
    mediaType !== undefined &&
    !JSON_TYPES.test(mediaType)
  ) {
    const what =
      format === "native" ? "the body must be JSON events" : "binary-mode data must be the event fields as JSON";
    return fail(`content_type: '${contentType}' is not JSON; ${what} (application/json)`);
  }

  const text = content.toString("utf8");
  if (text.trim() === "") return fail('body: empty; send one event object or {"events": [...]}');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(`body: malformed JSON: ${describeJsonError(text)}`);
  }

  if (format === "native") {
    return {
      ok: true,
      format,
      parse: (limits) => parseNativeBody(body, limits, trace),
      emptyMessage: '"events" is empty; send at least one event.',
      rejectedBody: (indexes) => (isBatchObject(body) ? json({ events: indexes.map((i) => body.events[i]) }) : null),
    };
  }
  if (format === "cloudevents-binary") {
    const { attributes, nameOf } = binaryAttributes(headers, contentType, body);
    return {
      ok: true,
      format,
      parse: (limits) => renamePaths(parseCloudEvents("structured", attributes, new Headers(), limits, trace), nameOf),
      emptyMessage: "",
      rejectedBody: () => null,
    };
  }
  const mode = format === "cloudevents-structured" ? "structured" : "batched";
  return {
    ok: true,
    format,
    parse: (limits) => parseCloudEvents(mode, body, new Headers(), limits, trace),
    emptyMessage: "The batch is empty; send at least one CloudEvent.",
    rejectedBody: (indexes) => (Array.isArray(body) ? json(indexes.map((i) => body[i])) : null),
  };
}

// W3C trace context as a message header, like the HTTP `traceparent` header: the trace of
// every event that names none of its own.
function traceOf(headers: Record<string, unknown>): TraceParent | undefined | string {
  const value = headers.traceparent;
  if (value === undefined) return undefined;
  const text = Buffer.isBuffer(value) ? value.toString("utf8") : value;
  if (typeof text !== "string") return "header traceparent: must be a string";
  const parsed = parseTraceparent(text);
  return parsed.ok ? parsed.value : `header traceparent: ${parsed.message}`;
}

function renamePaths(batch: ParsedBatch, nameOf: (attribute: string) => string): ParsedBatch {
  const rejected = batch.rejected.map((r) =>
    r.status === "rejected" ? { ...r, errors: r.errors.map((e) => ({ ...e, path: renamePath(e.path, nameOf) })) } : r,
  );
  return { ...batch, rejected };
}

function isBatchObject(body: unknown): body is { events: unknown[] } {
  return body !== null && typeof body === "object" && Array.isArray((body as { events?: unknown }).events);
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

function fail(reason: string): DecodedMessage {
  return { ok: false, reason };
}
