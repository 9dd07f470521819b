import { jsonResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/health/live - liveness: the process answers; no database, so an outage elsewhere never restarts it
export async function GET(): Promise<Response> {
  return jsonResponse({ status: "ok" });
}
