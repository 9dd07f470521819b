import { type DehydratedState, dehydrate } from "@tanstack/react-query";
import type { DashboardParams } from "@/lib/filters/dashboard-params";
import { type DashboardView, dashboardViewKey } from "./dashboard-views";
import { getQueryClient } from "./get-query-client";

// A server page's prefetch of its view: the same key the client's query uses, so the
// browser starts with this data and only refreshes it. A failed load is not thrown here:
// the client's query retries and the card shows the error.
export async function prefetchDashboard(
  view: DashboardView,
  params: DashboardParams,
  load: () => Promise<unknown>,
): Promise<DehydratedState> {
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({ queryKey: dashboardViewKey(view, params), queryFn: load });
  return dehydrate(queryClient);
}
