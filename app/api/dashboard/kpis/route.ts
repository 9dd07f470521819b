import { dashboardJsonHandler } from "@/lib/http/dashboard-handlers";
import { loadKpis } from "@/lib/queries/dashboard-views/load-kpis";

export const dynamic = "force-dynamic";

// GET /api/dashboard/kpis?range=&site=&workflow= - the seven KPIs for the window and the period before it, for the signed-in user's sites
export const GET = dashboardJsonHandler("transactions:read", "GET /api/dashboard/kpis", loadKpis);
