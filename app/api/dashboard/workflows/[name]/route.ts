import { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { loadWorkflowDetail } from "@/lib/queries/dashboard-views/load-dashboard-views";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { errorResponse, jsonResponse, toErrorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

const nameSchema = z.string().trim().min(1).max(100);

// GET /api/dashboard/workflows/:name?range=&site= - one workflow's latency, throughput, failures, top errors and stuck transactions (404 if unknown)
export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  try {
    const actor = await requireActor("transactions:read");
    const name = nameSchema.safeParse((await params).name);
    if (!name.success) return errorResponse(404, "No such workflow.");
    const detail = await loadWorkflowDetail(actor, name.data, loadDashboardParams(new URL(request.url).searchParams));
    return detail ? jsonResponse(detail) : errorResponse(404, "No such workflow.");
  } catch (error) {
    return toErrorResponse(error, "GET /api/dashboard/workflows/:name");
  }
}
