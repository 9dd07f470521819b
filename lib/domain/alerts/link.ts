import type { AlertRuleSpec } from "./rule";

// The view that explains an alert, as an absolute URL under the public base URL. The
// parameters are the dashboards' own (lib/filters/dashboard-params.ts: range, site,
// workflow), so the link opens the view already filtered.

export function alertLink(rule: AlertRuleSpec, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  const q = (params: Record<string, string | null>): string => {
    const parts = Object.entries(params)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`);
    return parts.length ? `?${parts.join("&")}` : "";
  };
  // The failure and latency views count whole hours; the smallest preset covering the window.
  const range = rule.windowMinutes <= 60 ? "1h" : rule.windowMinutes <= 24 * 60 ? "24h" : "7d";
  switch (rule.kind) {
    case "failure_rate":
      return `${base}/failures${q({ range, workflow: rule.workflow, site: rule.site })}`;
    case "stuck_count":
    case "stuck_value":
      // Stuck work of any age counts for the rule; the view's widest preset shows it.
      return `${base}/stuck${q({ range: "30d", workflow: rule.workflow, site: rule.site })}`;
    case "p95_latency":
      return `${base}/workflows/${encodeURIComponent(rule.workflow ?? "")}${q({ range, site: rule.site })}`;
    case "no_traffic":
      return `${base}/transactions${q({ site: rule.site })}`;
  }
}
