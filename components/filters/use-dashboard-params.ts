"use client";

import { useQueryStates } from "nuqs";
import { type DashboardParams, dashboardParsers, normalizeDashboardParams } from "@/lib/filters/dashboard-params";

// The current dashboard filters in a client component, normalised like the server's
// loadDashboardParams, so `dashboardQueryKey(view, params)` matches the server prefetch.
export function useDashboardParams(): DashboardParams {
  const [params] = useQueryStates(dashboardParsers);
  return normalizeDashboardParams(params);
}
