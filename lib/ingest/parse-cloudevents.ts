import { parseTraceparent, type TraceParent } from "@/lib/domain/traceparent";
import { AppError } from "@/lib/errors";
import type { FieldError, ItemOutcome, ParsedBatch, ParsedItem, ParseLimits } from "./canonical-event";
import { NO_CLOUDEVENT_TYPES, readCloudEventType } from "./cloudevent-type";
import { parseEventItem } from "./parse-native";

// CloudEvents 1.0 over HTTP (structured, batched and binary content modes) -> the same
// parsed items as the native format. The envelope gives identity, time and trace; `data`
// carries the native event fields and is validated by the native schema.
//
//   id + source     -> event id `<source>#<id>` (the idempotency key, see eventKeyOf)
//   type            -> workflow and stage when data lacks them (lib/ingest/cloudevent-type.ts)
//   time            -> occurredAt when data lacks it
//   subject         -> businessKey when data lacks it
//   traceparent     -> traceId / parentSpanId when data lacks a traceId
//   data.*          -> the native fields (transactionId, layer, businessKey, refs, ...)

export type CloudEventsMode = "structured" | "batched" | "binary";

export const CLOUDEVENTS_STRUCTURED = "application/cloudevents+json";
export const CLOUDEVENTS_BATCH = "application/cloudevents-batch+json";

// The HTTP binding tells the modes apart by the media type; any `ce-` header without one
// of those means binary mode (a missing ce-specversion is then reported, not ignored).
export function cloudEventsModeOf(headers: Headers): CloudEventsMode | null {
  const type = (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === CLOUDEVENTS_STRUCTURED) return "structured";
  if (type === CLOUDEVENTS_BATCH) return "batched";
  for (const name of headers.keys()) if (name.startsWith("ce-")) return "binary";
  return null;
}

export function parseCloudEvents(
  mode: CloudEventsMode,
  body: unknown,
  headers: Headers,
  limits: ParseLimits,
  requestTrace?: TraceParent,
): ParsedBatch {
  if (mode === "binary") {
    return collect([parseCloudEvent(binaryAttributes(headers, body), 0, binaryName, limits, requestTrace)], 1);
  }
  if (mode === "structured") {
    if (!isObject(body)) {
      throw new AppError(
        400,
        `An ${CLOUDEVENTS_STRUCTURED} body must be one CloudEvent object; send several as ${CLOUDEVENTS_BATCH}.`,
      );
    }
    return collect([parseCloudEvent(body, 0, (attr) => attr, limits, requestTrace)], 1);
  }
  if (!Array.isArray(body))
    throw new AppError(400, `An ${CLOUDEVENTS_BATCH} body must be a JSON array of CloudEvent objects.`);
  if (body.length > limits.maxEvents) {
    throw new AppError(413, `The batch has ${body.length} events; the limit is ${limits.maxEvents} per request.`);
  }
  const results = body.map((raw: unknown, index) => {
    if (!isObject(raw))
      return reject(index, undefined, [
        { path: `[${index}]`, message: "must be a CloudEvent object", code: "invalid" },
      ]);
    return parseCloudEvent(raw, index, (attr) => `[${index}].${attr}`, limits, requestTrace);
  });
  return collect(results, body.length);
}

type ItemResult = { item: ParsedItem } | { rejected: ItemOutcome };
// attribute name -> where the client put it (for error paths)
type NameOf = (attribute: string) => string;

function parseCloudEvent(
  ce: Record<string, unknown>,
  index: number,
  nameOf: NameOf,
  limits: ParseLimits,
  requestTrace?: TraceParent,
): ItemResult {
  const errors: FieldError[] = [];
  const fail = (attribute: string, message: string) =>
    errors.push({ path: nameOf(attribute), message, code: "invalid" });

  if (ce.specversion === undefined) fail("specversion", 'is required and must be "1.0"');
  else if (ce.specversion !== "1.0")
    fail("specversion", `must be "1.0" (got ${JSON.stringify(ce.specversion)}); only CloudEvents 1.0 is supported`);
  const id = requiredString(ce, "id", fail);
  const source = requiredString(ce, "source", fail);
  const type = requiredString(ce, "type", fail);
  const key = id !== undefined && source !== undefined ? eventKeyOf(source, id) : undefined;
  if (key !== undefined && key.length > 200)
    fail(
      "id",
      `source and id together give the event id '${key.slice(0, 40)}...' of ${key.length} characters; the limit is 200`,
    );

  const contentType = ce.datacontenttype;
  if (
    contentType !== undefined &&
    !(typeof contentType === "string" && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType))
  ) {
    fail("datacontenttype", "must be application/json: data is read as the JSON event fields");
  }
  if (ce.data_base64 !== undefined) fail("data_base64", "is not supported; send data as a JSON object");
  const data = ce.data;
  if (!isObject(data)) fail("data", "must be a JSON object with the event fields (transactionId, layer, ...)");

  let trace = requestTrace;
  if (ce.traceparent !== undefined) {
    const parsed =
      typeof ce.traceparent === "string"
        ? parseTraceparent(ce.traceparent)
        : { ok: false as const, message: "must be a string" };
    if (parsed.ok) trace = parsed.value;
    else fail("traceparent", parsed.message);
  }

  const fields = isObject(data) ? data : {};
  const typed = type === undefined ? {} : readCloudEventType(type, limits.cloudEventTypes ?? NO_CLOUDEVENT_TYPES);
  const subject = typeof ce.subject === "string" && ce.subject.trim() !== "" ? ce.subject.trim() : undefined;
  const dataPath = (field: string) => `${nameOf("data")}.${field}`;
  // Each native field that the envelope can fill: the path of whichever supplied it.
  const origin: Record<string, string> = {
    id: nameOf("id"),
    workflow: fields.workflow !== undefined || typed.workflow === undefined ? dataPath("workflow") : nameOf("type"),
    stage: fields.stage !== undefined || typed.stage === undefined ? dataPath("stage") : nameOf("type"),
    occurredAt: fields.occurredAt !== undefined ? dataPath("occurredAt") : nameOf("time"),
    businessKey:
      fields.businessKey !== undefined || subject === undefined ? dataPath("businessKey") : nameOf("subject"),
  };
  if (isObject(data)) {
    const hint =
      "(in data, or in type: <prefix>.<workflow>.<stage> such as com.example.shipment_confirmation.acknowledged, a type whose last segment is a registered workflow such as com.example.shipment_confirmation, or a type an admin has mapped)";
    if (fields.workflow === undefined && typed.workflow === undefined) fail("data.workflow", `is required ${hint}`);
    if (fields.stage === undefined && typed.stage === undefined) fail("data.stage", `is required ${hint}`);
    if (fields.occurredAt === undefined && ce.time === undefined) fail("time", "is required (or data.occurredAt)");
  }

  const native = {
    ...fields,
    id: key,
    workflow: fields.workflow ?? typed.workflow,
    stage: fields.stage ?? typed.stage,
    occurredAt: fields.occurredAt ?? ce.time,
    businessKey: fields.businessKey ?? subject,
  };
  const pathOf = (path: readonly PropertyKey[]) => {
    const [first, ...rest] = path.map(String);
    if (first === undefined) return nameOf("data");
    const base = origin[first] ?? dataPath(first);
    return [base, ...rest].join(".");
  };
  const result = parseEventItem(native, { index, id: key ?? id, limits, pathOf, trace });
  if (errors.length === 0) return result;
  // Envelope errors first; the schema's view of the same place adds nothing.
  const seen = new Set(errors.map((e) => e.path));
  if (key === undefined) seen.add(nameOf("id")); // a missing id or source is reported as such
  const more =
    "rejected" in result && result.rejected.status === "rejected"
      ? result.rejected.errors.filter((e) => !seen.has(e.path))
      : [];
  return reject(index, key ?? id, [...errors, ...more]);
}

// CloudEvents promise that source + id identify an event ("consumers MAY assume that
// events with identical source and id are duplicates"); the id alone is only unique
// within its source, so two producers behind one API key may reuse it. The source is
// written with `%` and `#` percent-encoded, so the first `#` always separates the two
// and different (source, id) pairs never share a key.
export function eventKeyOf(source: string, id: string): string {
  return `${source.replace(/[%#]/g, (c) => (c === "%" ? "%25" : "%23"))}#${id}`;
}

// Binary mode: attributes in `ce-` headers (percent-encoded per the HTTP binding), the
// data's media type in Content-Type, the data as the body.
function binaryAttributes(headers: Headers, body: unknown): Record<string, unknown> {
  const attributes: Record<string, unknown> = { data: body };
  for (const [name, value] of headers) {
    if (name.startsWith("ce-")) attributes[name.slice(3)] = percentDecode(value);
  }
  attributes.datacontenttype = headers.get("content-type") ?? undefined;
  return attributes;
}

function binaryName(attribute: string): string {
  if (attribute === "data" || attribute.startsWith("data.")) return attribute;
  return attribute === "datacontenttype" ? "content-type" : `ce-${attribute}`;
}

function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function requiredString(
  ce: Record<string, unknown>,
  attribute: string,
  fail: (attribute: string, message: string) => void,
): string | undefined {
  const value = ce[attribute];
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  fail(attribute, value === undefined ? "is required" : "must be a non-empty string");
  return undefined;
}

function reject(index: number, id: string | undefined, errors: FieldError[]): ItemResult {
  return { rejected: { index, id, status: "rejected", errors } };
}

function collect(results: ItemResult[], total: number): ParsedBatch {
  const batch: ParsedBatch = { items: [], rejected: [], total };
  for (const r of results) {
    if ("item" in r) batch.items.push(r.item);
    else batch.rejected.push(r.rejected);
  }
  return batch;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
