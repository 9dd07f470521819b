import { KPI_CSV_COLUMNS } from "@/lib/csv/kpi-columns";
import { dashboardCsvHandler } from "@/lib/http/dashboard-handlers";
import { loadKpis } from "@/lib/queries/dashboard-views/load-kpis";

export const dynamic = "force-dynamic";

// GET /api/dashboard/kpis/export - the KPIs as CSV, with the view's filters
export const GET = dashboardCsvHandler(
  "transactions:read",
  "GET /api/dashboard/kpis/export",
  "kpis",
  loadKpis,
  (v) => v.kpis,
  KPI_CSV_COLUMNS,
);
