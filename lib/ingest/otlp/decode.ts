import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import protobuf from "protobufjs/light.js";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import {
  logsRequestSchema,
  type OtlpLogRecord,
  type OtlpSpan,
  toLogRecords,
  toSpans,
  traceRequestSchema,
} from "./otlp-request";
import { otlpSchema } from "./proto/otlp-schema";

// OTLP/HTTP request body -> validated spans or log records. Both encodings the spec
// allows (binary protobuf and JSON), gzip-compressed or not; the size limit applies to
// the body as sent and again to the inflated body, so a small gzip that expands to
// gigabytes (a "gzip bomb") is refused after at most the limit has been inflated.

export type OtlpEncoding = "protobuf" | "json";
export type OtlpSignal = "traces" | "logs";

export const PROTOBUF_TYPE = "application/x-protobuf";
export const JSON_TYPE = "application/json";

const root = protobuf.Root.fromJSON(otlpSchema);
export const messages = {
  traces: root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest"),
  logs: root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest"),
  tracesResponse: root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse"),
  logsResponse: root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse"),
  status: root.lookupType("google.rpc.Status"),
};

// null when the media type is neither of OTLP's (the caller answers 415).
export function encodingOf(contentType: string | null): OtlpEncoding | null {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === PROTOBUF_TYPE || type === "application/protobuf") return "protobuf";
  if (type === JSON_TYPE) return "json";
  return null;
}

export async function readOtlpBody(request: Request, maxBytes: number): Promise<Buffer> {
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "gzip" && encoding !== "identity") {
    throw new AppError(
      415,
      `Content-Encoding '${encoding}' is not supported; send the body uncompressed or with gzip.`,
    );
  }
  const sent = await readLimitedBody(request, maxBytes, () => tooLarge(maxBytes, "request body"));
  return encoding === "gzip" ? inflate(sent, maxBytes) : sent;
}

export function decodeSpans(encoding: OtlpEncoding, body: Buffer): OtlpSpan[] {
  return toSpans(decode(encoding, body, "traces", traceRequestSchema, "resourceSpans", "scopeSpans", "spans"));
}

export function decodeLogRecords(encoding: OtlpEncoding, body: Buffer): OtlpLogRecord[] {
  return toLogRecords(decode(encoding, body, "logs", logsRequestSchema, "resourceLogs", "scopeLogs", "logRecords"));
}

function decode<S extends z.ZodType>(
  encoding: OtlpEncoding,
  body: Buffer,
  signal: OtlpSignal,
  schema: S,
  ...path: [string, string, string]
): z.infer<S> {
  const raw = encoding === "json" ? parseJson(body) : parseProtobuf(body, signal, path);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    throw new AppError(400, `The ${signal} export request is not valid OTLP/JSON: ${where.join("; ")}`);
  }
  return parsed.data;
}

function parseJson(body: Buffer): unknown {
  const text = body.toString("utf8");
  // An empty body is an empty export request, which the spec answers with success.
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError(400, `The body is not valid JSON: ${(error as Error).message}`);
  }
}

function parseProtobuf(body: Buffer, signal: OtlpSignal, [outer, middle, inner]: [string, string, string]): unknown {
  let message: ReturnType<(typeof messages)[typeof signal]["decode"]>;
  try {
    message = messages[signal].decode(body);
  } catch (error) {
    throw new AppError(
      400,
      `The body is not a protobuf-encoded Export${signal === "traces" ? "Trace" : "Logs"}ServiceRequest: ${(error as Error).message}`,
    );
  }
  const object = messages[signal].toObject(message, { longs: String, enums: Number, bytes: String });
  // Protobuf carries trace and span ids as bytes; OTLP/JSON (our common shape) as hex.
  for (const resource of list(object[outer])) {
    for (const scope of list(resource[middle])) {
      for (const item of list(scope[inner])) {
        for (const key of ["traceId", "spanId", "parentSpanId"]) {
          if (typeof item[key] === "string") item[key] = Buffer.from(item[key], "base64").toString("hex");
        }
      }
    }
  }
  return object;
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value : [];
}

function tooLarge(maxBytes: number, what: string): AppError {
  return new AppError(413, `The ${what} exceeds the limit of ${maxBytes} bytes; send smaller batches.`, {
    limitBytes: maxBytes,
  });
}

const gunzipAsync = promisify(gunzip);

async function inflate(body: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    // zlib stops and fails once the output passes maxOutputLength.
    return await gunzipAsync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes, "inflated request body");
    throw new AppError(400, `The body is not valid gzip: ${(error as Error).message}`);
  }
}
