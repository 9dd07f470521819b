import { dashboardJsonHandler } from "@/lib/http/dashboard-handlers";
import { loadFailureSignatures } from "@/lib/queries/dashboard-views/load-failure-signatures";

export const dynamic = "force-dynamic";

// GET /api/dashboard/failures?range=&site=&workflow= - error signatures of the user's sites with counts over time
export const GET = dashboardJsonHandler("transactions:read", "GET /api/dashboard/failures", loadFailureSignatures);
