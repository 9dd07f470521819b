import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { STAGES } from "@/lib/domain/vocabulary";
import { AppError } from "@/lib/errors";
import { forgetCloudEventTypes } from "@/lib/ingest/cloudevent-type";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { workflowName } from "./catalogue-fields";
import { type AuditContext, writeAuditRow } from "./write-audit-row";

// The CloudEvents type mapping (lib/ingest/cloudevent-type.ts): a producer's own type
// -> a workflow of the catalogue and, optionally, the stage; without one, data.stage
// gives it. Setting a type that is mapped already replaces its mapping.

export const setCloudEventTypeSchema = z.object({
  type: z
    .string()
    .trim()
    .min(1, "Enter the CloudEvents type, e.g. com.acme.wms.ShipmentConfirmed.")
    .max(200, "A type has at most 200 characters."),
  workflow: workflowName,
  stage: z
    .enum(["", ...STAGES], { message: `Choose a stage (${STAGES.join(", ")}) or none.` })
    .nullable()
    .default(null)
    .transform((v) => v || null),
});
export type SetCloudEventTypeInput = z.infer<typeof setCloudEventTypeSchema>;

export interface CloudEventTypeMapping {
  type: string;
  workflow: string;
  stage: string | null;
}

export async function setCloudEventType(
  pool: Pool,
  actor: Actor,
  input: SetCloudEventTypeInput,
  context: AuditContext = {},
): Promise<CloudEventTypeMapping> {
  const saved = await inTransaction(pool, async (client) => {
    const workflow = await client.query<{ id: number }>(`SELECT id FROM workflows WHERE name = $1`, [input.workflow]);
    if (!workflow.rows[0])
      throw new AppError(400, `There is no workflow ${input.workflow}; register it in Admin -> Workflows first.`);
    const { rows } = await client.query<{ workflow: string; stage: string | null }>(
      `SELECT w.name AS workflow, c.stage FROM cloudevent_types c JOIN workflows w ON w.id = c.workflow_id WHERE c.type = $1 FOR UPDATE OF c`,
      [input.type],
    );
    await client.query(
      `INSERT INTO cloudevent_types (type, workflow_id, stage) VALUES ($1, $2, $3)
       ON CONFLICT (type) DO UPDATE SET workflow_id = EXCLUDED.workflow_id, stage = EXCLUDED.stage, updated_at = now()`,
      [input.type, workflow.rows[0].id, input.stage],
    );
    const after = { type: input.type, workflow: input.workflow, stage: input.stage };
    await writeAuditRow(client, {
      actor: actor.email,
      action: "cloudevent_type.set",
      targetType: "cloudevent_type",
      targetId: input.type,
      before: rows[0] ? { type: input.type, ...rows[0] } : undefined,
      after,
      ip: context.ip,
    });
    return after;
  });
  forgetCloudEventTypes(pool);
  return saved;
}

export async function removeCloudEventType(
  pool: Pool,
  actor: Actor,
  type: string,
  context: AuditContext = {},
): Promise<{ type: string }> {
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ workflow: string; stage: string | null }>(
      `DELETE FROM cloudevent_types c USING workflows w WHERE c.type = $1 AND w.id = c.workflow_id RETURNING w.name AS workflow, c.stage`,
      [type],
    );
    if (!rows[0]) throw new AppError(404, `The type ${type} is not mapped.`);
    await writeAuditRow(client, {
      actor: actor.email,
      action: "cloudevent_type.remove",
      targetType: "cloudevent_type",
      targetId: type,
      before: { type, ...rows[0] },
      ip: context.ip,
    });
  });
  forgetCloudEventTypes(pool);
  return { type };
}
