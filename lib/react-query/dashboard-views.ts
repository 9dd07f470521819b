import { type DashboardParams, dashboardQueryKey, serializeDashboardParams } from "@/lib/filters/dashboard-params";

// Each dashboard view's query key name and JSON route. Shared by the server pages (which
// prefetch under the key) and the client views (which refresh from the route), so kept
// out of the "use client" modules, whose exports the server only sees as references.
export interface DashboardView {
  key: string;
  endpoint: string;
  // A view of one workflow: a workflow filter in the URL does not narrow it, so it is left
  // out of the key (where it would only split the cache) and of the route's URL.
  oneWorkflow?: boolean;
  // How often the browser refreshes it; operational views every 10 s (see useDashboardQuery).
  refreshMs?: number;
}

export const OVERVIEW_VIEW: DashboardView = { key: "overview", endpoint: "/api/dashboard/overview" };
// The KPIs move over days, not seconds: the minute every other screen refreshes at.
export const KPIS_VIEW: DashboardView = { key: "kpis", endpoint: "/api/dashboard/kpis", refreshMs: 60_000 };
export const STUCK_VIEW: DashboardView = { key: "stuck", endpoint: "/api/dashboard/stuck" };
export const FINANCE_VIEW: DashboardView = { key: "unposted-loads", endpoint: "/api/dashboard/unposted-loads" };
export const FAILURES_VIEW: DashboardView = { key: "failures", endpoint: "/api/dashboard/failures" };

export function workflowDetailView(workflow: string): DashboardView {
  return {
    key: `workflow:${workflow}`,
    endpoint: `/api/dashboard/workflows/${encodeURIComponent(workflow)}`,
    oneWorkflow: true,
    refreshMs: 30_000,
  };
}

function viewParams(view: DashboardView, params: DashboardParams): DashboardParams {
  return view.oneWorkflow ? { ...params, workflow: [] } : params;
}

export function dashboardViewKey(view: DashboardView, params: DashboardParams) {
  return dashboardQueryKey(view.key, viewParams(view, params));
}

// The view's JSON route, or one of its lists' routes (`/export`, `/stuck/export`), with the filters.
export function dashboardViewUrl(view: DashboardView, params: DashboardParams, path = ""): string {
  return `${view.endpoint}${path}${serializeDashboardParams(viewParams(view, params))}`;
}

// Links between views keep the time range and sites.
export function workflowPageHref(workflow: string, params: DashboardParams): string {
  return `/workflows/${encodeURIComponent(workflow)}${serializeDashboardParams({ ...params, workflow: [] })}`;
}
