import { z } from "zod";
import { type Attributes, toAttributes } from "./attributes";

// The two export requests in their OTLP/JSON shape (protobuf requests are decoded into
// the same shape, see decode.ts), validated at the edge and flattened to what the
// mapping reads: one list of spans or log records, each with its resource's attributes.
// Unknown fields are ignored, as OTLP/JSON receivers must.

const keyValues = z.array(z.object({ key: z.string(), value: z.unknown().optional() })).optional();
// int64/fixed64 arrive as decimal strings (or numbers from lenient JSON producers)
const uint64 = z
  .union([z.string().regex(/^\d+$/, "must be a decimal integer"), z.number().int().nonnegative()])
  .optional();
const enumValue = z.union([z.number().int(), z.string()]).optional();
const hexId = z.string().optional();

const resource = z.object({ attributes: keyValues }).optional();

const spanSchema = z.object({
  traceId: hexId,
  spanId: hexId,
  parentSpanId: hexId,
  name: z.string().optional(),
  kind: enumValue,
  startTimeUnixNano: uint64,
  endTimeUnixNano: uint64,
  attributes: keyValues,
  events: z.array(z.object({ timeUnixNano: uint64, name: z.string().optional(), attributes: keyValues })).optional(),
  status: z.object({ code: enumValue, message: z.string().optional() }).optional(),
});

const logRecordSchema = z.object({
  timeUnixNano: uint64,
  observedTimeUnixNano: uint64,
  severityNumber: enumValue,
  severityText: z.string().optional(),
  body: z.unknown().optional(),
  attributes: keyValues,
  traceId: hexId,
  spanId: hexId,
  eventName: z.string().optional(),
});

export const traceRequestSchema = z.object({
  resourceSpans: z
    .array(z.object({ resource, scopeSpans: z.array(z.object({ spans: z.array(spanSchema).optional() })).optional() }))
    .optional(),
});

export const logsRequestSchema = z.object({
  resourceLogs: z
    .array(
      z.object({
        resource,
        scopeLogs: z.array(z.object({ logRecords: z.array(logRecordSchema).optional() })).optional(),
      }),
    )
    .optional(),
});

export const SPAN_KINDS = ["unspecified", "internal", "server", "client", "producer", "consumer"] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: SpanKind;
  startNanos: bigint | null;
  endNanos: bigint | null;
  attributes: Attributes;
  resource: Attributes;
  events: { name: string; timeNanos: bigint | null; attributes: Attributes }[];
  status: { error: boolean; message: string };
}

export interface OtlpLogRecord {
  traceId: string;
  spanId: string;
  timeNanos: bigint | null;
  observedNanos: bigint | null;
  severityNumber: number;
  severityText: string;
  body: unknown;
  attributes: Attributes;
  resource: Attributes;
}

export function toSpans(request: z.infer<typeof traceRequestSchema>): OtlpSpan[] {
  return (request.resourceSpans ?? []).flatMap((rs) => {
    const resourceAttributes = toAttributes(rs.resource?.attributes);
    return (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({
        traceId: normalizeId(s.traceId),
        spanId: normalizeId(s.spanId),
        parentSpanId: normalizeId(s.parentSpanId),
        name: s.name ?? "",
        kind: spanKindOf(s.kind),
        startNanos: nanos(s.startTimeUnixNano),
        endNanos: nanos(s.endTimeUnixNano),
        attributes: toAttributes(s.attributes),
        resource: resourceAttributes,
        events: (s.events ?? []).map((e) => ({
          name: e.name ?? "",
          timeNanos: nanos(e.timeUnixNano),
          attributes: toAttributes(e.attributes),
        })),
        status: { error: isErrorStatus(s.status?.code), message: s.status?.message ?? "" },
      })),
    );
  });
}

export function toLogRecords(request: z.infer<typeof logsRequestSchema>): OtlpLogRecord[] {
  return (request.resourceLogs ?? []).flatMap((rl) => {
    const resourceAttributes = toAttributes(rl.resource?.attributes);
    return (rl.scopeLogs ?? []).flatMap((sl) =>
      (sl.logRecords ?? []).map((r) => ({
        traceId: normalizeId(r.traceId),
        spanId: normalizeId(r.spanId),
        timeNanos: nanos(r.timeUnixNano),
        observedNanos: nanos(r.observedTimeUnixNano),
        severityNumber: severityOf(r.severityNumber),
        severityText: r.severityText ?? "",
        body: r.body,
        attributes: toAttributes(r.attributes),
        resource: resourceAttributes,
      })),
    );
  });
}

// Lowercase hex; an all-zero id means "none" in OTLP, like an empty one.
function normalizeId(id: string | undefined): string {
  const hex = (id ?? "").trim().toLowerCase();
  return /^0*$/.test(hex) ? "" : hex;
}

// 0 is proto3's "not set".
function nanos(value: string | number | undefined): bigint | null {
  if (value === undefined) return null;
  const n = BigInt(value);
  return n === 0n ? null : n;
}

// OTLP/JSON sends enums as integers; the names are accepted too.
function spanKindOf(kind: number | string | undefined): SpanKind {
  if (typeof kind === "number") return SPAN_KINDS[kind] ?? "unspecified";
  const name = (kind ?? "").toLowerCase().replace(/^span_kind_/, "");
  return (SPAN_KINDS as readonly string[]).includes(name) ? (name as SpanKind) : "unspecified";
}

function isErrorStatus(code: number | string | undefined): boolean {
  return code === 2 || code === "STATUS_CODE_ERROR";
}

const SEVERITY_NAMES = [
  "UNSPECIFIED",
  "TRACE",
  "TRACE2",
  "TRACE3",
  "TRACE4",
  "DEBUG",
  "DEBUG2",
  "DEBUG3",
  "DEBUG4",
  "INFO",
  "INFO2",
  "INFO3",
  "INFO4",
  "WARN",
  "WARN2",
  "WARN3",
  "WARN4",
  "ERROR",
  "ERROR2",
  "ERROR3",
  "ERROR4",
  "FATAL",
  "FATAL2",
  "FATAL3",
  "FATAL4",
];

function severityOf(value: number | string | undefined): number {
  if (typeof value === "number") return value;
  const index = SEVERITY_NAMES.indexOf((value ?? "").replace(/^SEVERITY_NUMBER_/, ""));
  return Math.max(index, 0);
}
