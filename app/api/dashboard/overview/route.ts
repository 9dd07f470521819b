import { dashboardJsonHandler } from "@/lib/http/dashboard-handlers";
import { loadOverview } from "@/lib/queries/dashboard-views/load-overview";

export const dynamic = "force-dynamic";

// GET /api/dashboard/overview?range=&site=&workflow= - one card per workflow for the signed-in user's sites (values only with values:read)
export const GET = dashboardJsonHandler("transactions:read", "GET /api/dashboard/overview", loadOverview);
