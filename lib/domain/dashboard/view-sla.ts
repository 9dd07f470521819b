// The SLA a view draws and names for a workflow (the latency chart's line, "SLA 20 min").
// Stuck is judged per transaction against its own site's SLA; a view over several sites
// can draw only one line, so it draws the one its sites share, else the workflow's own.

export interface SiteSla {
  siteId: number;
  site: string;
  slaMinutes: number;
}

// `siteIds` null: every site (and transactions without one).
export function viewSla(workflowSla: number, overrides: SiteSla[], siteIds: number[] | null): number {
  if (siteIds === null || siteIds.length === 0) return workflowSla;
  const slas = new Set(siteIds.map((id) => overrides.find((o) => o.siteId === id)?.slaMinutes ?? workflowSla));
  return slas.size === 1 ? [...slas][0]! : workflowSla;
}
