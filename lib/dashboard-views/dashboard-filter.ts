import { HttpError } from "@/lib/http/responses";
import { resolveTimeWindow, type DashboardParams } from "@/lib/filters/dashboard-params";
import { dashboardFilterSchema, type DashboardFilter } from "@/lib/queries/dashboard/filter";

// The URL filters of a dashboard view as the read models take them, at `now`. A custom
// range the read models refuse (longer than they allow) is the caller's mistake: 400.
export function toDashboardFilter(params: DashboardParams, now: Date): DashboardFilter {
  const window = resolveTimeWindow(params, now);
  const parsed = dashboardFilterSchema.safeParse({
    from: window.from,
    to: window.to,
    siteCodes: params.site.length > 0 ? params.site : undefined,
    workflowNames: params.workflow.length > 0 ? params.workflow : undefined,
  });
  if (!parsed.success) {
    throw new HttpError(400, "The dashboard filters are not valid.", { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  }
  return parsed.data;
}
