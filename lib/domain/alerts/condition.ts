import type { AlertFigure, AlertRuleSpec } from "./rule";

// Whether a rule's condition holds for its figures, with the value and threshold the
// notification reports (in the rule's units: percent, count, amount, minutes).

export interface ConditionResult {
  breaching: boolean;
  value: number | null;
  threshold: number;
  // One line saying what is wrong (or that it is fine), for messages and the history.
  summary: string;
}

export function evaluateCondition(rule: AlertRuleSpec, figure: AlertFigure): ConditionResult {
  const where = scopeText(rule);
  switch (figure.kind) {
    case "failure_rate": {
      const threshold = rule.threshold ?? 5;
      const value = figure.started === 0 ? null : round((figure.failed / figure.started) * 100);
      // Below the minimum count a rate means little: 1 failure of 2 must not page anyone.
      const breaching = value !== null && figure.started >= rule.minCount && value > threshold;
      return {
        breaching,
        value,
        threshold,
        summary: `${figure.failed} of ${figure.started} ${where} started in the last ${rule.windowMinutes} min failed (${value ?? 0}%, threshold ${threshold}%)`,
      };
    }
    case "stuck": {
      const threshold = rule.threshold ?? 0;
      if (rule.kind === "stuck_value") {
        const value = round(figure.value);
        const currency = rule.currency ?? "";
        return {
          breaching: value > threshold,
          value,
          threshold,
          summary:
            `${formatAmount(value)} ${currency} stuck in ${figure.count} ${where} (threshold ${formatAmount(threshold)} ${currency})`.replace(
              / +/g,
              " ",
            ),
        };
      }
      return {
        breaching: figure.count > threshold,
        value: figure.count,
        threshold,
        summary: `${figure.count} ${where} stuck (threshold ${threshold})`,
      };
    }
    case "p95_latency": {
      const threshold = rule.threshold ?? rule.slaMinutes ?? 60;
      const value = figure.p95Ms === null ? null : round(figure.p95Ms / 60_000);
      const breaching = value !== null && figure.completed >= rule.minCount && value > threshold;
      return {
        breaching,
        value,
        threshold,
        summary: `p95 latency of ${where} completed in the last ${rule.windowMinutes} min: ${value ?? "-"} min over ${figure.completed} (threshold ${threshold} min)`,
      };
    }
    case "no_traffic":
      return {
        breaching: figure.transactions === 0,
        value: figure.transactions,
        threshold: 0,
        summary:
          figure.transactions === 0
            ? `no transactions from ${rule.system} for ${rule.windowMinutes} min`
            : `traffic from ${rule.system} within the last ${rule.windowMinutes} min`,
      };
  }
}

function scopeText(rule: AlertRuleSpec): string {
  const what = rule.workflow ? `${rule.workflow} transactions` : "transactions";
  return rule.site ? `${what} at ${rule.site}` : what;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function formatAmount(n: number): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
