import { requireActor } from "@/lib/auth/actor";
import { loadOverview } from "@/lib/queries/dashboard-views/load-dashboard-views";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { jsonResponse, toErrorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/dashboard/overview?range=&site=&workflow= - one card per workflow for the signed-in user's sites (values only with values:read)
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await requireActor("transactions:read");
    return jsonResponse(await loadOverview(actor, loadDashboardParams(new URL(request.url).searchParams)));
  } catch (error) {
    return toErrorResponse(error, "GET /api/dashboard/overview");
  }
}
