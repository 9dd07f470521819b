"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { dashboardQueryKey, serializeDashboardParams } from "@/lib/filters/dashboard-params";
import { useDashboardParams } from "@/components/filters/use-dashboard-params";
import { fetchDashboard } from "./fetch-dashboard";

// Operational views are watched while work piles up or drains: every ~10 s, not the
// minute the other screens use.
export const DASHBOARD_REFRESH_MS = 10_000;

// One dashboard view's data for the filters in the URL. The key is the one the server
// page prefetched under, so the first render uses the hydrated data; a filter change keeps
// the previous figures on screen until the new ones arrive.
export function useDashboardQuery<T>(view: string, endpoint: string) {
  const params = useDashboardParams();
  return useQuery({
    queryKey: dashboardQueryKey(view, params),
    queryFn: ({ signal }) => fetchDashboard<T>(`${endpoint}${serializeDashboardParams(params)}`, signal),
    refetchInterval: DASHBOARD_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

// The CSV export of the same list with the same filters.
export function useExportHref(endpoint: string): string {
  return `${endpoint}/export${serializeDashboardParams(useDashboardParams())}`;
}
