// What an alert rule watches, in the words of docs/domain.md. Thresholds per kind:
// failure_rate in percent of transactions started in the window that failed at least once;
// stuck_count a number of stuck transactions; stuck_value an amount in one currency;
// p95_latency minutes (null: the workflow's SLA); no_traffic has none (N = the window).

export const ALERT_RULE_KINDS = ["failure_rate", "stuck_count", "stuck_value", "p95_latency", "no_traffic"] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

export const ALERT_RULE_KIND_LABELS: Record<AlertRuleKind, string> = {
  failure_rate: "Failure rate",
  stuck_count: "Stuck count",
  stuck_value: "Stuck value",
  p95_latency: "p95 latency",
  no_traffic: "No traffic",
};

export interface AlertRuleSpec {
  id: number;
  name: string;
  kind: AlertRuleKind;
  workflow: string | null;
  slaMinutes: number | null;
  site: string | null;
  system: string | null;
  threshold: number | null;
  currency: string | null;
  windowMinutes: number;
  minCount: number;
  repeatMinutes: number;
}

// The figures a rule is judged on, read by lib/queries/alerts at the evaluation's `now`.
export type AlertFigure =
  | { kind: "failure_rate"; started: number; failed: number }
  | { kind: "stuck"; count: number; value: number }
  | { kind: "p95_latency"; completed: number; p95Ms: number | null }
  | { kind: "no_traffic"; transactions: number };
