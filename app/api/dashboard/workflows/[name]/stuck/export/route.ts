import { STUCK_TRANSACTION_CSV_COLUMNS } from "@/lib/csv/stuck-transaction-columns";
import { dashboardCsvHandler, withRouteParams } from "@/lib/http/dashboard-handlers";
import { requireWorkflowDetail } from "@/lib/queries/dashboard-views/load-workflow-detail";

export const dynamic = "force-dynamic";

// GET /api/dashboard/workflows/:name/stuck/export - the workflow's stuck transactions as CSV, oldest first, with the view's filters (404 if unknown)
export const GET = withRouteParams<{ name: string }>(({ name }) =>
  dashboardCsvHandler(
    "transactions:read",
    "GET /api/dashboard/workflows/:name/stuck/export",
    `${name}-stuck`,
    (db, actor, params, now) => requireWorkflowDetail(db, actor, params, now, name),
    (v) => v.stuck,
    STUCK_TRANSACTION_CSV_COLUMNS,
  ),
);
