import { UNPOSTED_LOAD_CSV_COLUMNS } from "@/lib/csv/unposted-load-columns";
import { dashboardCsvHandler } from "@/lib/http/dashboard-handlers";
import { loadUnpostedLoads } from "@/lib/queries/dashboard-views/load-unposted-loads";

export const dynamic = "force-dynamic";

// GET /api/dashboard/unposted-loads/export - the unposted loads as CSV, with the view's filters
export const GET = dashboardCsvHandler(
  "financials:read",
  "GET /api/dashboard/unposted-loads/export",
  "unposted-loads",
  loadUnpostedLoads,
  (v) => v.loads,
  UNPOSTED_LOAD_CSV_COLUMNS,
);
