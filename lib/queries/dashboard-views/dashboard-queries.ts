import { dashboardQueryKey, serializeDashboardParams, type DashboardParams } from "@/lib/filters/dashboard-params";

// Query keys and JSON routes of the dashboard views, shared by the server prefetch and the
// browser, so both address the same cache entry for the same URL filters.

export const DASHBOARD_API = "/api/dashboard";

export function overviewQueryKey(params: DashboardParams) {
  return dashboardQueryKey("overview", params);
}

// A workflow filter does not narrow one workflow's page: left out so it cannot split the cache.
export function workflowDetailQueryKey(workflow: string, params: DashboardParams) {
  return dashboardQueryKey(`workflow:${workflow}`, { ...params, workflow: [] });
}

export function kpisQueryKey(params: DashboardParams) {
  return dashboardQueryKey("kpis", params);
}

export function overviewUrl(params: DashboardParams): string {
  return `${DASHBOARD_API}/overview${serializeDashboardParams(params)}`;
}

export function workflowDetailUrl(workflow: string, params: DashboardParams): string {
  return `${DASHBOARD_API}/workflows/${encodeURIComponent(workflow)}${serializeDashboardParams({ ...params, workflow: [] })}`;
}

export function kpisUrl(params: DashboardParams): string {
  return `${DASHBOARD_API}/kpis${serializeDashboardParams(params)}`;
}

// Links between views keep the time range and sites.
export function workflowPageHref(workflow: string, params: DashboardParams): string {
  return `/workflows/${encodeURIComponent(workflow)}${serializeDashboardParams({ ...params, workflow: [] })}`;
}

// The JSON routes answer errors as { error: { message } }: that message is what the card shows.
export async function fetchDashboard<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: unknown } } | null;
    const message = typeof body?.error?.message === "string" ? body.error.message : `The server answered ${res.status}.`;
    throw new Error(message);
  }
  return (await res.json()) as T;
}
