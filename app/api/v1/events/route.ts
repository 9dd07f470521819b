import { getPool } from "@/lib/db";
import { parseTraceparent, type TraceParent } from "@/lib/domain/traceparent";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { observeRequest } from "@/lib/http/observe-request";
import { readJsonBody } from "@/lib/http/read-json-body";
import { errorResponse, jsonResponse, toErrorResponse } from "@/lib/http/responses";
import { loadCloudEventTypes } from "@/lib/ingest/cloudevent-type";
import { type IngestReport, ingestBatch } from "@/lib/ingest/ingest-batch";
import { admitIngest } from "@/lib/ingest/ingest-guard";
import { ingestNative } from "@/lib/ingest/ingest-native";
import { cloudEventsModeOf, parseCloudEvents } from "@/lib/ingest/parse-cloudevents";
import { loadRedactionRules } from "@/lib/ingest/redaction-rules";
import { countIngest, type IngestSource } from "@/lib/telemetry/app-metrics";

export const dynamic = "force-dynamic";

const ROUTE = "POST /api/v1/events";

interface Answer {
  response: Response;
  // what was ingested, when the request got that far
  source: IngestSource | null;
  report?: IngestReport["body"];
}

// POST /api/v1/events - ingest one event or a batch, native JSON or CloudEvents 1.0 (structured, batched, binary)
export async function POST(request: Request): Promise<Response> {
  return observeRequest(request, ROUTE, async ({ log }) => {
    const answer = await ingestEvents(request).catch(
      (error: unknown): Answer => ({ response: toErrorResponse(error, ROUTE, log), source: null }),
    );
    countIngest("/api/v1/events", answer.response.status, answer.source, answer.report);
    return answer.response;
  });
}

async function ingestEvents(request: Request): Promise<Answer> {
  let release: (() => void) | undefined;
  try {
    const env = getEnv();
    const pool = getPool();
    const admission = await admitIngest(pool, request.headers.get("authorization"));
    if (!admission.ok) {
      const details = admission.retryAfterSeconds ? { retryAfterSeconds: admission.retryAfterSeconds } : undefined;
      return { response: errorResponse(admission.status, admission.message, details, admission.headers), source: null };
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
    return {
      response: jsonResponse(report.body, report.status),
      source: mode === null ? "native" : "cloudevents",
      report: report.body,
    };
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
