import { requireActor } from "@/lib/auth/actor";
import { loadKpis } from "@/lib/queries/dashboard-views/load-dashboard-views";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { jsonResponse, toErrorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/dashboard/kpis?range=&site=&workflow= - the seven KPIs for the window and the period before it, for the signed-in user's sites
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await requireActor("transactions:read");
    return jsonResponse(await loadKpis(actor, loadDashboardParams(new URL(request.url).searchParams)));
  } catch (error) {
    return toErrorResponse(error, "GET /api/dashboard/kpis");
  }
}
