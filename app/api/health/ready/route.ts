import { getPool } from "@/lib/db";
import { jsonResponse } from "@/lib/http/responses";
import { getHealthReport, httpStatusOf, startupGraceUntil } from "@/lib/queries/health/get-health-report";
import { healthSettings } from "@/lib/queries/health/health-settings";

export const dynamic = "force-dynamic";

// GET /api/health/ready - readiness: database reachable, migrations current, background work alive (503 with the reasons otherwise)
export async function GET(): Promise<Response> {
  const settings = healthSettings();
  try {
    const { report } = await getHealthReport(getPool(), settings, startupGraceUntil(settings));
    return jsonResponse({ status: report.status, reasons: report.reasons }, httpStatusOf(report), {
      ...(report.status === "down" ? { "retry-after": "5" } : {}),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return jsonResponse({ status: "down", reasons: [reason] }, 503, { "retry-after": "5" });
  }
}
