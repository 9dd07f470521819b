import { AppError } from "@/lib/errors";
import { type DashboardParams, resolveTimeWindow } from "@/lib/filters/dashboard-params";
import { type DashboardFilter, dashboardFilterSchema } from "@/lib/queries/dashboard/filter";

// URL filters -> the read models' filter, validated at the edge (a custom range longer
// than the read models allow is a 400, not a slow query). An empty site or workflow
// selection means "all", as in the filter bar.
export function viewFilter(params: DashboardParams, now: Date): DashboardFilter {
  const window = resolveTimeWindow(params, now);
  const parsed = dashboardFilterSchema.safeParse({
    from: window.from,
    to: window.to,
    siteCodes: params.site.length > 0 ? params.site : undefined,
    workflowNames: params.workflow.length > 0 ? params.workflow : undefined,
  });
  if (!parsed.success) {
    throw new AppError(400, "The filters are not valid.", {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  return parsed.data;
}
