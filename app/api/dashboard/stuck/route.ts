import { dashboardJsonHandler } from "@/lib/http/dashboard-handlers";
import { loadStuckWork } from "@/lib/queries/dashboard-views/load-stuck-work";

export const dynamic = "force-dynamic";

// GET /api/dashboard/stuck?range=&site=&workflow= - stuck work of the user's sites grouped by workflow, site and cause
export const GET = dashboardJsonHandler("transactions:read", "GET /api/dashboard/stuck", loadStuckWork);
