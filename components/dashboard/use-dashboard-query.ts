"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDashboardParams } from "@/components/filters/use-dashboard-params";
import { type DashboardView, dashboardViewKey, dashboardViewUrl } from "@/lib/react-query/dashboard-views";
import { fetchDashboard } from "./fetch-dashboard";

// Operational views are watched while work piles up or drains: every ~10 s, not the
// minute the other screens use.
export const DASHBOARD_REFRESH_MS = 10_000;

// One dashboard view's data for the filters in the URL. The key is the one the server
// page prefetched under, so the first render uses the hydrated data; a filter change keeps
// the previous figures on screen until the new ones arrive.
export function useDashboardQuery<T>(view: DashboardView) {
  const params = useDashboardParams();
  return useQuery({
    queryKey: dashboardViewKey(view, params),
    queryFn: ({ signal }) => fetchDashboard<T>(dashboardViewUrl(view, params), signal),
    refetchInterval: view.refreshMs ?? DASHBOARD_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

// The CSV export of one of the view's lists with the same filters: `/export` for a view
// with one list, `/<list>/export` for a view with several.
export function useExportHref(view: DashboardView, list?: string): string {
  return dashboardViewUrl(view, useDashboardParams(), list ? `/${list}/export` : "/export");
}
