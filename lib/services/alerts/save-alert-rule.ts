import type { Pool, PoolClient } from "pg";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { type AuditContext, writeAuditRow } from "../write-audit-row";
import type { CreateAlertRuleInput, UpdateAlertRuleInput } from "./alert-rule-schema";

// Creating, editing, switching and deleting alert rules, each with its audit row. A rule
// disabled, deleted or changed closes its open alert without a message: the condition it
// was judged on no longer applies, and the next evaluation judges the rule afresh.

export interface SavedAlertRule {
  id: number;
  name: string;
}

const UNIQUE_VIOLATION = "23505";

export async function createAlertRule(
  pool: Pool,
  actor: Actor,
  input: CreateAlertRuleInput,
  context: AuditContext = {},
): Promise<SavedAlertRule> {
  return withUniqueName(input.name, () =>
    inTransaction(pool, async (client) => {
      const ids = await resolveNames(client, input);
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO alert_rules (name, kind, workflow_id, site_id, system_id, threshold, currency, window_minutes, min_count, repeat_minutes, enabled)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          input.name,
          input.kind,
          ids.workflowId,
          ids.siteId,
          ids.systemId,
          input.threshold,
          input.currency,
          input.windowMinutes,
          input.minCount,
          input.repeatMinutes,
          input.enabled,
        ],
      );
      const id = rows[0]!.id;
      await setChannels(client, id, input.channelIds);
      await writeAuditRow(client, {
        actor: actor.email,
        action: "alert_rule.create",
        targetType: "alert_rule",
        targetId: String(id),
        after: audited(input),
        ip: context.ip,
      });
      return { id, name: input.name };
    }),
  );
}

export async function updateAlertRule(
  pool: Pool,
  actor: Actor,
  input: UpdateAlertRuleInput,
  context: AuditContext = {},
): Promise<SavedAlertRule> {
  return withUniqueName(input.name, () =>
    inTransaction(pool, async (client) => {
      const before = await lockRule(client, input.id);
      const ids = await resolveNames(client, input);
      await client.query(
        `UPDATE alert_rules SET name = $2, kind = $3, workflow_id = $4, site_id = $5, system_id = $6, threshold = $7, currency = $8,
           window_minutes = $9, min_count = $10, repeat_minutes = $11, enabled = $12, updated_at = now() WHERE id = $1`,
        [
          input.id,
          input.name,
          input.kind,
          ids.workflowId,
          ids.siteId,
          ids.systemId,
          input.threshold,
          input.currency,
          input.windowMinutes,
          input.minCount,
          input.repeatMinutes,
          input.enabled,
        ],
      );
      await setChannels(client, input.id, input.channelIds);
      const after = audited(input);
      const conditionChanged = (
        ["kind", "workflow", "site", "system", "threshold", "currency", "windowMinutes", "minCount"] as const
      ).some((k) => before[k] !== after[k]);
      if (conditionChanged || !input.enabled) await closeOpenAlert(client, input.id);
      await writeAuditRow(client, {
        actor: actor.email,
        action: "alert_rule.update",
        targetType: "alert_rule",
        targetId: String(input.id),
        before,
        after,
        ip: context.ip,
      });
      return { id: input.id, name: input.name };
    }),
  );
}

export async function setAlertRuleEnabled(
  pool: Pool,
  actor: Actor,
  id: number,
  enabled: boolean,
  context: AuditContext = {},
): Promise<SavedAlertRule> {
  return inTransaction(pool, async (client) => {
    const current = await lockRule(client, id);
    await client.query(`UPDATE alert_rules SET enabled = $2, updated_at = now() WHERE id = $1`, [id, enabled]);
    if (!enabled) await closeOpenAlert(client, id);
    await writeAuditRow(client, {
      actor: actor.email,
      action: "alert_rule.update",
      targetType: "alert_rule",
      targetId: String(id),
      before: { name: current.name, enabled: current.enabled },
      after: { name: current.name, enabled },
      ip: context.ip,
    });
    return { id, name: current.name as string };
  });
}

export async function deleteAlertRule(
  pool: Pool,
  actor: Actor,
  id: number,
  context: AuditContext = {},
): Promise<SavedAlertRule> {
  return inTransaction(pool, async (client) => {
    const current = await lockRule(client, id);
    await closeOpenAlert(client, id);
    // Its alerts stay in the history under the rule's name (alerts.rule_id becomes NULL).
    await client.query(`DELETE FROM alert_rules WHERE id = $1`, [id]);
    await writeAuditRow(client, {
      actor: actor.email,
      action: "alert_rule.delete",
      targetType: "alert_rule",
      targetId: String(id),
      before: current,
      ip: context.ip,
    });
    return { id, name: current.name as string };
  });
}

type Audited = Omit<CreateAlertRuleInput, "channelIds"> & { channelIds: number[] };

function audited(input: CreateAlertRuleInput): Audited {
  const { channelIds, ...rest } = input;
  return { ...rest, channelIds: [...channelIds].sort((a, b) => a - b) };
}

async function lockRule(client: PoolClient, id: number): Promise<Audited> {
  const { rows } = await client.query<Audited>(
    `SELECT r.name, r.kind, w.name AS workflow, s.code AS site, sy.name AS system, r.threshold::float8 AS threshold, r.currency::text AS currency,
            r.window_minutes AS "windowMinutes", r.min_count AS "minCount", r.repeat_minutes AS "repeatMinutes", r.enabled,
            coalesce((SELECT array_agg(channel_id ORDER BY channel_id) FROM alert_rule_channels WHERE rule_id = r.id), '{}') AS "channelIds"
     FROM alert_rules r LEFT JOIN workflows w ON w.id = r.workflow_id LEFT JOIN sites s ON s.id = r.site_id LEFT JOIN systems sy ON sy.id = r.system_id
     WHERE r.id = $1 FOR UPDATE OF r`,
    [id],
  );
  if (!rows[0]) throw new AppError(404, "There is no alert rule with this id.");
  return rows[0];
}

async function closeOpenAlert(client: PoolClient, ruleId: number): Promise<void> {
  await client.query(`UPDATE alerts SET resolved_at = now() WHERE rule_id = $1 AND resolved_at IS NULL`, [ruleId]);
}

async function setChannels(client: PoolClient, ruleId: number, channelIds: number[]): Promise<void> {
  await client.query(`DELETE FROM alert_rule_channels WHERE rule_id = $1`, [ruleId]);
  if (channelIds.length === 0) return;
  const { rowCount } = await client.query(
    `INSERT INTO alert_rule_channels (rule_id, channel_id) SELECT $1, id FROM alert_channels WHERE id = ANY($2::int[])`,
    [ruleId, channelIds],
  );
  if (rowCount !== new Set(channelIds).size) throw new AppError(400, "One of the chosen channels no longer exists.");
}

// The catalogue names the form sends, as ids; an unknown name is the user's to fix.
async function resolveNames(
  client: PoolClient,
  input: CreateAlertRuleInput,
): Promise<{ workflowId: number | null; siteId: number | null; systemId: number | null }> {
  const one = async (sql: string, value: string | null, what: string): Promise<number | null> => {
    if (value === null) return null;
    const { rows } = await client.query<{ id: number }>(sql, [value]);
    if (!rows[0]) throw new AppError(400, `There is no ${what} ${value}.`);
    return rows[0].id;
  };
  const noTraffic = input.kind === "no_traffic";
  return {
    workflowId: noTraffic ? null : await one(`SELECT id FROM workflows WHERE name = $1`, input.workflow, "workflow"),
    siteId: noTraffic ? null : await one(`SELECT id FROM sites WHERE code = $1`, input.site, "site"),
    systemId: noTraffic ? await one(`SELECT id FROM systems WHERE name = $1`, input.system, "system") : null,
  };
}

async function withUniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION)
      throw new AppError(409, `An alert rule named ${name} already exists.`);
    throw error;
  }
}
