import { authenticateApiKey } from "@/lib/auth/api-keys";
import { getPool } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { ingestNative } from "@/lib/ingest/ingest-native";
import { loadRedactionRules } from "@/lib/ingest/redaction-rules";
import { readJsonBody } from "@/lib/http/read-json-body";
import { errorResponse, jsonResponse, toErrorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// POST /api/v1/events - ingest one event or a batch ({"events": [...]}) from middleware
export async function POST(request: Request): Promise<Response> {
  try {
    const env = getEnv();
    const pool = getPool();
    const auth = await authenticateApiKey(pool, request.headers.get("authorization"), "ingest");
    if (!auth.ok) return errorResponse(auth.status, auth.message, undefined, { "www-authenticate": "Bearer" });
    const body = await readJsonBody(request, env.INGEST_MAX_BODY_BYTES);
    const report = await ingestNative(pool, auth.caller, body, {
      maxEvents: env.INGEST_MAX_EVENTS,
      maxPayloadBytes: env.INGEST_MAX_PAYLOAD_BYTES,
      redactPaths: await loadRedactionRules(pool),
    });
    return jsonResponse(report.body, report.status);
  } catch (error) {
    return toErrorResponse(error, "POST /api/v1/events");
  }
}
