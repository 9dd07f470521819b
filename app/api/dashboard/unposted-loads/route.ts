import { dashboardJsonHandler } from "@/lib/http/dashboard-handlers";
import { loadUnpostedLoads } from "@/lib/queries/dashboard-views/load-unposted-loads";

export const dynamic = "force-dynamic";

// GET /api/dashboard/unposted-loads?range=&site= - shipped loads without a posted invoice past the SLA, value waiting, cycle time
export const GET = dashboardJsonHandler("financials:read", "GET /api/dashboard/unposted-loads", loadUnpostedLoads);
