"use client";

import { useQueryStates } from "nuqs";
import { dashboardParsers, normalizeDashboardParams, type DashboardParams } from "@/lib/filters/dashboard-params";

// The current dashboard filters in a client component, normalised like the server's
// loadDashboardParams, so `dashboardQueryKey(view, params)` matches the server prefetch.
export function useDashboardParams(): DashboardParams {
  const [params] = useQueryStates(dashboardParsers);
  return normalizeDashboardParams(params);
}
