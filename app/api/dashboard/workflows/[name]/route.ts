import { dashboardJsonHandler, withRouteParams } from "@/lib/http/dashboard-handlers";
import { requireWorkflowDetail } from "@/lib/queries/dashboard-views/load-workflow-detail";

export const dynamic = "force-dynamic";

// GET /api/dashboard/workflows/:name?range=&site= - one workflow's latency, throughput, failures, top errors and stuck transactions (404 if unknown)
export const GET = withRouteParams<{ name: string }>(({ name }) =>
  dashboardJsonHandler("transactions:read", "GET /api/dashboard/workflows/:name", (db, actor, params, now) =>
    requireWorkflowDetail(db, actor, params, now, name),
  ),
);
