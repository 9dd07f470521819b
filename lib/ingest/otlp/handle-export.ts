import { getPool } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { observeRequest } from "@/lib/http/observe-request";
import { isDatabaseUnavailable } from "@/lib/http/responses";
import { countIngest } from "@/lib/telemetry/app-metrics";
import type { Logger } from "@/lib/telemetry/logger";
import { type IngestReport, ingestBatch } from "../ingest-batch";
import { admitIngest } from "../ingest-guard";
import { loadRedactionRules } from "../redaction-rules";
import { encodingOf, type OtlpEncoding, type OtlpSignal, readOtlpBody } from "./decode";
import { describeRejections, parseOtlpLogs, parseOtlpTraces } from "./parse-otlp";
import { exportResponse, statusResponse } from "./respond";

const NOUN: Record<OtlpSignal, string> = { traces: "spans", logs: "log records" };

// POST /v1/traces and /v1/logs: the OTLP/HTTP exchange around the shared ingest path,
// observed like every API request (request id, timing) and counted as ingest.
export async function handleOtlpExport(request: Request, signal: OtlpSignal): Promise<Response> {
  const endpoint = `/v1/${signal}`;
  return observeRequest(request, `POST ${endpoint}`, async ({ log }) => {
    const { response, report } = await exportSignal(request, signal, log);
    countIngest(endpoint, response.status, signal === "traces" ? "otlp_traces" : "otlp_logs", report);
    return response;
  });
}

// Admission (overload, key, rate) is answered before the body is read, so refused
// requests cost neither memory nor decoding.
async function exportSignal(
  request: Request,
  signal: OtlpSignal,
  log: Logger,
): Promise<{ response: Response; report?: IngestReport["body"] }> {
  const encoding = encodingOf(request.headers.get("content-type"));
  // Errors are written in the request's encoding; JSON when it named neither.
  const answerAs: OtlpEncoding = encoding ?? "json";
  let release: (() => void) | undefined;
  try {
    const pool = getPool();
    const admission = await admitIngest(pool, request.headers.get("authorization"));
    if (!admission.ok)
      return { response: statusResponse(answerAs, admission.status, admission.message, admission.headers) };
    release = admission.release;
    if (encoding === null) {
      throw new AppError(
        415,
        `Content-Type must be application/x-protobuf or application/json (got '${request.headers.get("content-type") ?? "none"}').`,
      );
    }

    const env = getEnv();
    const body = await readOtlpBody(request, env.INGEST_MAX_BODY_BYTES);
    const limits = {
      maxEvents: env.INGEST_MAX_EVENTS,
      maxPayloadBytes: env.INGEST_MAX_PAYLOAD_BYTES,
      redactPaths: await loadRedactionRules(pool),
    };
    const parse = signal === "traces" ? parseOtlpTraces : parseOtlpLogs;
    const { batch, labels } = parse(encoding, body, limits);
    // An empty export is a success (the spec), not the native API's "send at least one".
    if (batch.total === 0) return { response: exportResponse(signal, encoding, 0, "") };
    const report = await ingestBatch(pool, admission.caller, () => batch, "");
    const response = exportResponse(
      signal,
      encoding,
      report.body.rejected,
      describeRejections(batch.rejected, labels, NOUN[signal]),
    );
    return { response, report: report.body };
  } catch (error) {
    return { response: errorAnswer(answerAs, error, signal, log) };
  } finally {
    release?.();
  }
}

function errorAnswer(encoding: OtlpEncoding, error: unknown, signal: OtlpSignal, log: Logger): Response {
  if (error instanceof AppError) return statusResponse(encoding, error.status, error.message);
  if (isDatabaseUnavailable(error)) {
    return statusResponse(encoding, 503, "The database is unavailable; nothing was stored. Retry later.", {
      "retry-after": "5",
    });
  }
  log.error({ err: error }, `POST /v1/${signal} failed`);
  return statusResponse(encoding, 500, "Internal error; nothing was stored. The server log has the details.");
}
