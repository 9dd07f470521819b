import { getPool } from "@/lib/db";
import { parseTraceparent, type TraceParent } from "@/lib/domain/traceparent";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { errorResponse, jsonResponse, toErrorResponse } from "@/lib/http/responses";
import { loadCloudEventTypes } from "@/lib/ingest/cloudevent-type";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { admitIngest } from "@/lib/ingest/ingest-guard";
import { ingestNative } from "@/lib/ingest/ingest-native";
import { cloudEventsModeOf, parseCloudEvents } from "@/lib/ingest/parse-cloudevents";
import { loadRedactionRules } from "@/lib/ingest/redaction-rules";

export const dynamic = "force-dynamic";

// POST /api/v1/events - ingest one event or a batch, native JSON or CloudEvents 1.0 (structured, batched, binary)
export async function POST(request: Request): Promise<Response> {
  let release: (() => void) | undefined;
  try {
    const env = getEnv();
    const pool = getPool();
    const admission = await admitIngest(pool, request.headers.get("authorization"));
    if (!admission.ok) {
      const details = admission.retryAfterSeconds ? { retryAfterSeconds: admission.retryAfterSeconds } : undefined;
      return errorResponse(admission.status, admission.message, details, admission.headers);
    }
    release = admission.release;
    const trace = requestTrace(request.headers);
    const mode = cloudEventsModeOf(request.headers);
    const body = await readJsonBody(request, env.INGEST_MAX_BODY_BYTES);
    const limits = {
      maxEvents: env.INGEST_MAX_EVENTS,
      maxPayloadBytes: env.INGEST_MAX_PAYLOAD_BYTES,
      redactPaths: await loadRedactionRules(pool),
      cloudEventTypes: mode === null ? undefined : await loadCloudEventTypes(pool),
    };
    const report =
      mode === null
        ? await ingestNative(pool, admission.caller, body, limits, trace)
        : await ingestBatch(
            pool,
            admission.caller,
            () => parseCloudEvents(mode, body, request.headers, limits, trace),
            "The batch is empty; send at least one CloudEvent.",
          );
    return jsonResponse(report.body, report.status);
  } catch (error) {
    return toErrorResponse(error, "POST /api/v1/events");
  } finally {
    release?.();
  }
}

// W3C trace context of the request: the trace of every event that names none of its own.
function requestTrace(headers: Headers): TraceParent | undefined {
  const value = headers.get("traceparent");
  if (value === null) return undefined;
  const parsed = parseTraceparent(value);
  if (!parsed.ok) throw new AppError(400, `The traceparent header ${parsed.message}.`, { header: "traceparent" });
  return parsed.value;
}
