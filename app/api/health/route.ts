import { getPool } from "@/lib/db";
import { jsonResponse } from "@/lib/http/responses";
import { readReplicaHealth } from "@/lib/postgres/replica-health";
import { getHealthReport, httpStatusOf, startupGraceUntil } from "@/lib/queries/health/get-health-report";
import { healthSettings } from "@/lib/queries/health/health-settings";

export const dynamic = "force-dynamic";

// GET /api/health - the complete report: database, migrations and the background work of every worker (503 with the reasons when any is wrong)
export async function GET(): Promise<Response> {
  const settings = healthSettings();
  try {
    const [{ report }, replica] = await Promise.all([
      getHealthReport(getPool(), settings, startupGraceUntil(settings)),
      readReplicaHealth(), // with DATABASE_READ_URL: how far behind the dashboards' replica is
    ]);
    const down = report.status === "down";
    return jsonResponse(
      replica ? { ...report, replica } : report,
      httpStatusOf(report),
      down ? { "retry-after": "5" } : {},
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return jsonResponse({ status: "down", reasons: [reason], database: "unreachable" }, 503, { "retry-after": "5" });
  }
}
