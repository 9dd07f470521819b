import { STUCK_GROUP_CSV_COLUMNS } from "@/lib/csv/stuck-group-columns";
import { dashboardCsvHandler } from "@/lib/http/dashboard-handlers";
import { loadStuckWork } from "@/lib/queries/dashboard-views/load-stuck-work";

export const dynamic = "force-dynamic";

// GET /api/dashboard/stuck/export - the stuck work groups as CSV, with the view's filters
export const GET = dashboardCsvHandler(
  "transactions:read",
  "GET /api/dashboard/stuck/export",
  "stuck-work",
  loadStuckWork,
  (v) => v.groups,
  STUCK_GROUP_CSV_COLUMNS,
);
