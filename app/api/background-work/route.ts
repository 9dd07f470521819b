import { getPool } from "@/lib/db";
import { describeBackgroundWork } from "@/lib/domain/health/judge-background-work";
import { jsonResponse } from "@/lib/http/responses";
import { withActor } from "@/lib/http/route-handler";
import { getHealthReport, startupGraceUntil } from "@/lib/queries/health/get-health-report";
import { healthSettings } from "@/lib/queries/health/health-settings";

export const dynamic = "force-dynamic";

// GET /api/background-work - the banner's sentence for engineers and admins (null while the background work runs), from the health read model
export const GET = withActor("health:read", "background work", async () => {
  const settings = healthSettings();
  const { report, facts, judgement } = await getHealthReport(getPool(), settings, startupGraceUntil(settings));
  const banner = facts && judgement ? describeBackgroundWork(facts, judgement) : null;
  return jsonResponse({ status: report.status, banner, reasons: report.reasons });
});
