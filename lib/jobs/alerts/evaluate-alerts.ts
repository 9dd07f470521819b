import type { Pool, PoolClient } from "pg";
import { type ConditionResult, evaluateCondition } from "@/lib/domain/alerts/condition";
import { alertLink } from "@/lib/domain/alerts/link";
import { type AlertEvent, buildAlertMessage } from "@/lib/domain/alerts/message";
import type { AlertRuleKind, AlertRuleSpec } from "@/lib/domain/alerts/rule";
import { type AlertTransition, decideTransition } from "@/lib/domain/alerts/transition";
import { readAlertFigure } from "@/lib/queries/alerts/read-alert-figure";
import { withAdvisoryLock } from "../with-advisory-lock";
import { type DeliveryResult, deliverAlertNotifications } from "./deliver-alert-notifications";

// One evaluation: judge every enabled rule at `now`, open, repeat or resolve its alert and
// queue the notifications in one database transaction, then send what is queued.
//
// Safe with several workers: the rules are judged under an advisory lock (a second worker
// skips that part; the first one's result is the same), an open alert is unique per rule
// (alerts_open_rule_key), and delivery claims each notification before sending it.

// Its own id: sharing one with the issue sync made an evaluation skip whenever a sync ran.
export const ALERT_LOCK_ID = 72707373;

export interface RuleOutcome {
  ruleId: number;
  transition: AlertTransition;
  condition?: ConditionResult;
  error?: string;
}

export interface EvaluationResult {
  // false: another worker was evaluating; this one only delivered.
  evaluated: boolean;
  rules: RuleOutcome[];
  delivery: DeliveryResult;
}

interface RuleRow {
  id: number;
  name: string;
  kind: AlertRuleKind;
  workflow_id: number | null;
  workflow: string | null;
  sla_minutes: number | null;
  site_id: number | null;
  site: string | null;
  system_id: number | null;
  system: string | null;
  threshold: number | null;
  currency: string | null;
  window_minutes: number;
  min_count: number;
  repeat_minutes: number;
  alert_id: string | null;
  opened_at: Date | null;
  last_notified_at: Date | null;
}

export async function evaluateAlerts(pool: Pool, opts: { publicUrl: string; now?: Date }): Promise<EvaluationResult> {
  const now = opts.now ?? new Date();
  const rules = await judgeRules(pool, now, opts.publicUrl);
  const delivery = await deliverAlertNotifications(pool, now);
  return { evaluated: rules !== null, rules: rules ?? [], delivery };
}

async function judgeRules(pool: Pool, now: Date, publicUrl: string): Promise<RuleOutcome[] | null> {
  return withAdvisoryLock(pool, ALERT_LOCK_ID, false, async (client) => {
    const { rows } = await client.query<RuleRow>(
      `SELECT r.id, r.name, r.kind, r.workflow_id, w.name AS workflow, coalesce(ss.sla_minutes, w.sla_minutes) AS sla_minutes, r.site_id, s.code AS site, r.system_id, sy.name AS system,
              r.threshold::float8 AS threshold, r.currency::text AS currency, r.window_minutes, r.min_count, r.repeat_minutes,
              a.id::text AS alert_id, a.opened_at, a.last_notified_at
       FROM alert_rules r
       LEFT JOIN workflows w ON w.id = r.workflow_id
       -- a rule on one site judges latency against that site's SLA (per-site SLAs)
       LEFT JOIN workflow_site_slas ss ON ss.workflow_id = r.workflow_id AND ss.site_id = r.site_id
       LEFT JOIN sites s ON s.id = r.site_id
       LEFT JOIN systems sy ON sy.id = r.system_id
       LEFT JOIN alerts a ON a.rule_id = r.id AND a.resolved_at IS NULL
       WHERE r.enabled ORDER BY r.id`,
    );
    const outcomes: RuleOutcome[] = [];
    for (const row of rows) {
      // A savepoint per rule: one rule's failing query must not undo the others' alerts.
      await client.query("SAVEPOINT rule");
      try {
        outcomes.push(await judgeRule(client, row, now, publicUrl));
        await client.query("RELEASE SAVEPOINT rule");
      } catch (error) {
        await client.query("ROLLBACK TO SAVEPOINT rule");
        outcomes.push({ ruleId: row.id, transition: "none", error: (error as Error).message });
      }
    }
    return outcomes;
  });
}

async function judgeRule(client: PoolClient, row: RuleRow, now: Date, publicUrl: string): Promise<RuleOutcome> {
  const rule: AlertRuleSpec = {
    id: row.id,
    name: row.name,
    kind: row.kind,
    workflow: row.workflow,
    slaMinutes: row.sla_minutes,
    site: row.site,
    system: row.system,
    threshold: row.threshold,
    currency: row.currency,
    windowMinutes: row.window_minutes,
    minCount: row.min_count,
    repeatMinutes: row.repeat_minutes,
  };
  const figure = await readAlertFigure(
    client,
    {
      kind: row.kind,
      workflowId: row.workflow_id,
      siteId: row.site_id,
      systemId: row.system_id,
      systemName: row.system,
      currency: row.currency,
      windowMinutes: row.window_minutes,
    },
    now,
  );
  const condition = evaluateCondition(rule, figure);
  const open =
    row.alert_id && row.opened_at && row.last_notified_at
      ? { openedAt: row.opened_at, lastNotifiedAt: row.last_notified_at }
      : null;
  const transition = decideTransition({ breaching: condition.breaching, open, repeatMinutes: rule.repeatMinutes, now });
  const queue = (alertId: string, event: AlertEvent, startedAt: Date) =>
    queueNotifications(
      client,
      rule.id,
      alertId,
      event,
      buildAlertMessage({ rule, event, condition, startedAt, now, link: alertLink(rule, publicUrl) }),
      now,
    );

  if (transition === "fire") {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO alerts (rule_id, rule_name, opened_at, value, threshold, last_notified_at) VALUES ($1, $2, $3, $4, $5, $3)
       ON CONFLICT (rule_id) WHERE resolved_at IS NULL DO NOTHING RETURNING id::text`,
      [rule.id, rule.name, now, condition.value, condition.threshold],
    );
    if (rows[0]) await queue(rows[0].id, "fired", now);
  } else if (transition === "repeat" || transition === "recover") {
    // Conditional on the state we judged, so a concurrent change is never notified twice.
    const { rowCount } = await client.query(
      transition === "repeat"
        ? `UPDATE alerts SET last_notified_at = $2, value = $3 WHERE id = $1 AND resolved_at IS NULL AND last_notified_at = $4`
        : `UPDATE alerts SET resolved_at = $2, value = $3 WHERE id = $1 AND resolved_at IS NULL AND last_notified_at = $4`,
      [row.alert_id, now, condition.value, row.last_notified_at],
    );
    if (rowCount === 1) await queue(row.alert_id!, transition === "repeat" ? "repeated" : "recovered", row.opened_at!);
  } else if (open) {
    await client.query(`UPDATE alerts SET value = $2 WHERE id = $1`, [row.alert_id, condition.value]);
  }
  return { ruleId: rule.id, transition, condition };
}

async function queueNotifications(
  client: PoolClient,
  ruleId: number,
  alertId: string,
  event: AlertEvent,
  message: unknown,
  now: Date,
): Promise<void> {
  await client.query(
    `INSERT INTO alert_notifications (alert_id, channel_id, channel_name, event, message, created_at)
     SELECT $1, c.id, c.name, $2, $3, $4
     FROM alert_rule_channels rc JOIN alert_channels c ON c.id = rc.channel_id
     WHERE rc.rule_id = $5 AND c.enabled`,
    [alertId, event, JSON.stringify(message), now, ruleId],
  );
}
