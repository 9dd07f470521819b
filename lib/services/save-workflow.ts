import type { Pool, PoolClient } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { forgetCloudEventTypes } from "@/lib/ingest/cloudevent-type";
import type { WorkflowListItem } from "@/lib/queries/list-workflows";
import { inTransaction } from "../postgres/in-transaction";
import { optionalKind, optionalText, siteSlas, slaMinutes, workflowName } from "./catalogue-fields";
import { type AuditContext, writeAuditRow } from "./write-audit-row";

// Registering and editing workflows in the catalogue. The name is what senders put in
// events (ingest finds the workflow by it), so it is set once and never changed here.

export const createWorkflowSchema = z.object({
  name: workflowName,
  description: optionalText(500).default(null),
  sourceKind: optionalKind.default(null),
  targetKind: optionalKind.default(null),
  owner: optionalText(200).default(null),
  systemOfRecord: optionalKind.default(null),
  slaMinutes,
  siteSlas: siteSlas.default({}),
});
export type CreateWorkflowInput = z.infer<typeof createWorkflowSchema>;

// Absent fields stay as they are. Every update registers the workflow: an admin who has
// looked at one first seen at ingest has accepted it, so `{ id }` alone just registers it.
export const updateWorkflowSchema = z.object({
  id: z.coerce.number().int().positive(),
  description: optionalText(500).optional(),
  sourceKind: optionalKind.optional(),
  targetKind: optionalKind.optional(),
  owner: optionalText(200).optional(),
  systemOfRecord: optionalKind.optional(),
  slaMinutes: slaMinutes.optional(),
  // the complete set of per-site SLAs when given
  siteSlas: siteSlas.optional(),
});
export type UpdateWorkflowInput = z.infer<typeof updateWorkflowSchema>;

export interface CreatedWorkflow {
  id: number;
  name: string;
}

export interface UpdatedWorkflow {
  id: number;
  name: string;
  changed: string[];
}

// The workflow as the audit log records it: the list item without its row identity.
export type AuditedWorkflow = Omit<WorkflowListItem, "id" | "createdAt">;

const EDITABLE = [
  "description",
  "sourceKind",
  "targetKind",
  "owner",
  "systemOfRecord",
  "slaMinutes",
  "siteSlas",
  "registered",
] as const;

type WorkflowRow = {
  name: string;
  description: string | null;
  source_kind: string | null;
  target_kind: string | null;
  owner: string | null;
  system_of_record: string | null;
  sla_minutes: number;
  registered: boolean;
  site_slas: Record<string, number>;
};

export async function createWorkflow(
  pool: Pool,
  actor: Actor,
  input: CreateWorkflowInput,
  context: AuditContext = {},
): Promise<CreatedWorkflow> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO workflows (name, description, source_kind, target_kind, owner, system_of_record, sla_minutes, registered)
       VALUES ($1, $2, $3, $4, $5, $6, $7, true) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [
        input.name,
        input.description,
        input.sourceKind,
        input.targetKind,
        input.owner,
        input.systemOfRecord,
        input.slaMinutes,
      ],
    );
    const id = rows[0]?.id;
    if (id === undefined) {
      const existing = await client.query<{ registered: boolean }>(`SELECT registered FROM workflows WHERE name = $1`, [
        input.name,
      ]);
      const firstSeenAtIngest = existing.rows[0]?.registered === false;
      throw new AppError(
        409,
        firstSeenAtIngest
          ? `The workflow ${input.name} already arrived at ingest and is waiting to be registered: use Register or Edit in its row.`
          : `A workflow named ${input.name} already exists.`,
      );
    }
    await writeSiteSlas(client, id, input.siteSlas);
    // Per-site SLAs appear in the audit row only when there are some.
    const { siteSlas: slas, ...fields } = input;
    const after: Omit<AuditedWorkflow, "siteSlas"> & { siteSlas?: Record<string, number> } = {
      ...fields,
      ...(Object.keys(slas).length > 0 ? { siteSlas: sortedKeys(slas) } : {}),
      registered: true,
    };
    await writeAuditRow(client, {
      actor: actor.email,
      action: "workflow.create",
      targetType: "workflow",
      targetId: String(id),
      after,
      ip: context.ip,
    });
    return { id, name: input.name };
  }).finally(() => forgetCloudEventTypes(pool)); // a CloudEvents type may name it now
}

// Edits a workflow's description, direction, owner, system of record, SLA or per-site SLAs.
// Nothing caches an SLA: views that judge "stuck" read them when they query.
export async function updateWorkflow(
  pool: Pool,
  actor: Actor,
  input: UpdateWorkflowInput,
  context: AuditContext = {},
): Promise<UpdatedWorkflow> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<WorkflowRow>(
      `SELECT name, description, source_kind, target_kind, owner, system_of_record, sla_minutes, registered,
              coalesce((SELECT jsonb_object_agg(s.code, o.sla_minutes) FROM workflow_site_slas o JOIN sites s ON s.id = o.site_id
                        WHERE o.workflow_id = workflows.id), '{}') AS site_slas
       FROM workflows WHERE id = $1 FOR UPDATE`,
      [input.id],
    );
    const row = rows[0];
    if (!row) throw new AppError(404, "There is no workflow with this id.");
    const current: AuditedWorkflow = {
      name: row.name,
      description: row.description,
      sourceKind: row.source_kind,
      targetKind: row.target_kind,
      owner: row.owner,
      systemOfRecord: row.system_of_record,
      slaMinutes: row.sla_minutes,
      siteSlas: sortedKeys(row.site_slas),
      registered: row.registered,
    };
    const next: AuditedWorkflow = {
      name: current.name,
      description: input.description === undefined ? current.description : input.description,
      sourceKind: input.sourceKind === undefined ? current.sourceKind : input.sourceKind,
      targetKind: input.targetKind === undefined ? current.targetKind : input.targetKind,
      owner: input.owner === undefined ? current.owner : input.owner,
      systemOfRecord: input.systemOfRecord === undefined ? current.systemOfRecord : input.systemOfRecord,
      slaMinutes: input.slaMinutes ?? current.slaMinutes,
      siteSlas: input.siteSlas === undefined ? current.siteSlas : sortedKeys(input.siteSlas),
      registered: true,
    };
    const changed = EDITABLE.filter((f) =>
      f === "siteSlas" ? JSON.stringify(current.siteSlas) !== JSON.stringify(next.siteSlas) : current[f] !== next[f],
    );
    if (changed.length === 0) return { id: input.id, name: current.name, changed: [] };

    await client.query(
      `UPDATE workflows SET description = $2, source_kind = $3, target_kind = $4, owner = $5, system_of_record = $6, sla_minutes = $7, registered = true
       WHERE id = $1`,
      [input.id, next.description, next.sourceKind, next.targetKind, next.owner, next.systemOfRecord, next.slaMinutes],
    );
    if (changed.includes("siteSlas")) await writeSiteSlas(client, input.id, next.siteSlas);
    // The name is repeated on both sides so each row reads on its own in the audit page.
    const before: Record<string, unknown> = { name: current.name };
    const after: Record<string, unknown> = { name: current.name };
    for (const field of changed) {
      before[field] = current[field];
      after[field] = next[field];
    }
    await writeAuditRow(client, {
      actor: actor.email,
      action: "workflow.update",
      targetType: "workflow",
      targetId: String(input.id),
      before,
      after,
      ip: context.ip,
    });
    return { id: input.id, name: current.name, changed: [...changed] };
  }).finally(() => forgetCloudEventTypes(pool));
}

// Replaces the workflow's per-site SLAs with `slas` (site code -> minutes). Sites come from
// the catalogue: a code that is not there is refused rather than registered on the spot.
async function writeSiteSlas(client: PoolClient, workflowId: number, slas: Record<string, number>): Promise<void> {
  const codes = Object.keys(slas);
  const { rows } = await client.query<{ id: number; code: string }>(
    `SELECT id, code FROM sites WHERE code = ANY($1::text[])`,
    [codes],
  );
  const missing = codes.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length > 0)
    throw new AppError(400, `There is no site ${missing.join(", ")}; per-site SLAs name sites of the catalogue.`);
  await client.query(`DELETE FROM workflow_site_slas WHERE workflow_id = $1 AND NOT (site_id = ANY($2::int[]))`, [
    workflowId,
    rows.map((r) => r.id),
  ]);
  await client.query(
    `INSERT INTO workflow_site_slas (workflow_id, site_id, sla_minutes) SELECT $1, unnest($2::int[]), unnest($3::int[])
     ON CONFLICT (workflow_id, site_id) DO UPDATE SET sla_minutes = EXCLUDED.sla_minutes`,
    [workflowId, rows.map((r) => r.id), rows.map((r) => slas[r.code]!)],
  );
}

// Key order is not meaning: sorted, two equal sets compare (and audit) the same.
function sortedKeys(slas: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(slas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
