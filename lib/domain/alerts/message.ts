import type { ConditionResult } from "./condition";
import { ALERT_RULE_KIND_LABELS, type AlertRuleSpec } from "./rule";

// The content of one notification, built once when the alert changes and stored with it
// (a retry sends the same). It is also the generic webhook's JSON body.

export type AlertEvent = "fired" | "repeated" | "recovered" | "test";

export interface AlertMessage {
  rule: string;
  rule_id: number;
  kind: string;
  event: AlertEvent;
  state: "firing" | "resolved";
  value: number | null;
  threshold: number;
  unit: string;
  workflow: string | null;
  site: string | null;
  system: string | null;
  summary: string;
  started_at: string;
  resolved_at: string | null;
  link: string;
}

export function buildAlertMessage(input: {
  rule: AlertRuleSpec;
  event: AlertEvent;
  condition: ConditionResult;
  startedAt: Date;
  now: Date;
  link: string;
}): AlertMessage {
  const { rule, event, condition } = input;
  return {
    rule: rule.name,
    rule_id: rule.id,
    kind: rule.kind,
    event,
    state: event === "recovered" ? "resolved" : "firing",
    value: condition.value,
    threshold: condition.threshold,
    unit: unitOf(rule),
    workflow: rule.workflow,
    site: rule.site,
    system: rule.system,
    summary: condition.summary,
    started_at: input.startedAt.toISOString(),
    resolved_at: event === "recovered" ? input.now.toISOString() : null,
    link: input.link,
  };
}

export function unitOf(rule: Pick<AlertRuleSpec, "kind" | "currency">): string {
  switch (rule.kind) {
    case "failure_rate":
      return "%";
    case "stuck_count":
      return "transactions";
    case "stuck_value":
      return rule.currency ?? "";
    case "p95_latency":
      return "min";
    case "no_traffic":
      return "transactions";
  }
}

// "[FIRING] Shipment confirmations east: Failure rate" - the one line every channel leads with.
export function headline(m: AlertMessage): string {
  const tag =
    m.event === "test"
      ? "TEST"
      : m.state === "resolved"
        ? "RESOLVED"
        : m.event === "repeated"
          ? "STILL FIRING"
          : "FIRING";
  const label = ALERT_RULE_KIND_LABELS[m.kind as keyof typeof ALERT_RULE_KIND_LABELS] ?? m.kind;
  return `[${tag}] ${m.rule} (${label})`;
}
