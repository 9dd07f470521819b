import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { readRetentionPolicy } from "@/lib/queries/read-retention-policy";
import { inTransaction } from "../postgres/in-transaction";
import { type AuditContext, writeAuditRow } from "./write-audit-row";

const days = (what: string, max: number) =>
  z.coerce
    .number({ error: `${what}: enter a number of days.` })
    .int({ error: `${what}: enter a whole number of days.` })
    .min(1, { error: `${what}: keep at least 1 day.` })
    .max(max, { error: `${what}: at most ${max} days.` });

// Payloads cannot outlive the events they belong to, nor events the rollups that summarise
// them: each kind is kept at most as long as the next.
export const saveRetentionSettingsSchema = z
  .object({
    payloadDays: days("Payloads", 3650),
    eventDays: days("Events and closed transactions", 3650),
    rollupDays: days("Rollups", 36500),
  })
  .superRefine((v, ctx) => {
    if (v.payloadDays > v.eventDays)
      ctx.addIssue({
        code: "custom",
        path: ["payloadDays"],
        message: `Payloads: at most as long as events (${v.eventDays} days).`,
      });
    if (v.eventDays > v.rollupDays)
      ctx.addIssue({
        code: "custom",
        path: ["eventDays"],
        message: `Events and closed transactions: at most as long as rollups (${v.rollupDays} days).`,
      });
  });
export type SaveRetentionSettingsInput = z.infer<typeof saveRetentionSettingsSchema>;

// Sets how long each kind of data is kept. Takes effect at the worker's next retention run;
// shortening it expires the days past the new limit then (open work excepted).
export async function saveRetentionSettings(
  pool: Pool,
  actor: Actor,
  input: SaveRetentionSettingsInput,
  context: AuditContext = {},
): Promise<SaveRetentionSettingsInput> {
  const valid = saveRetentionSettingsSchema.parse(input);
  return inTransaction(pool, async (client) => {
    const before = await readRetentionPolicy(client);
    await client.query(
      `UPDATE retention_settings SET payload_days = $1, event_days = $2, rollup_days = $3, updated_at = now(), updated_by = $4
       WHERE id = 1`,
      [valid.payloadDays, valid.eventDays, valid.rollupDays, actor.email],
    );
    await writeAuditRow(client, {
      actor: actor.email,
      action: "retention.update",
      targetType: "retention_settings",
      targetId: "1",
      before: { payloadDays: before.payloadDays, eventDays: before.eventDays, rollupDays: before.rollupDays },
      after: valid,
      ip: context.ip,
    });
    return valid;
  });
}
