import { FAILURE_SIGNATURE_CSV_COLUMNS } from "@/lib/csv/failure-signature-columns";
import { dashboardCsvHandler, withRouteParams } from "@/lib/http/dashboard-handlers";
import { requireWorkflowDetail } from "@/lib/queries/dashboard-views/load-workflow-detail";

export const dynamic = "force-dynamic";

// GET /api/dashboard/workflows/:name/errors/export - the workflow's top error signatures as CSV, with the view's filters (404 if unknown)
export const GET = withRouteParams<{ name: string }>(({ name }) =>
  dashboardCsvHandler(
    "transactions:read",
    "GET /api/dashboard/workflows/:name/errors/export",
    `${name}-errors`,
    (db, actor, params, now) => requireWorkflowDetail(db, actor, params, now, name),
    (v) => v.topErrors,
    FAILURE_SIGNATURE_CSV_COLUMNS,
  ),
);
