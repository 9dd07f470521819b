import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { forgetRedactionRules } from "@/lib/ingest/redaction-rules";
import { inTransaction } from "../postgres/in-transaction";
import { type AuditContext, writeAuditRow } from "./write-audit-row";

export const removeRedactionRuleSchema = z.object({ id: z.coerce.number().int().positive() });
export type RemoveRedactionRuleInput = z.infer<typeof removeRedactionRuleSchema>;

export interface RemovedRedactionRule {
  id: number;
  path: string;
}

// Stops masking a path for payloads ingested from now on.
export async function removeRedactionRule(
  pool: Pool,
  actor: Actor,
  input: RemoveRedactionRuleInput,
  context: AuditContext = {},
): Promise<RemovedRedactionRule> {
  const removed = await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ path: string; created_by: string; created_at: Date }>(
      `DELETE FROM redaction_rules WHERE id = $1 RETURNING path, created_by, created_at`,
      [input.id],
    );
    const rule = rows[0];
    if (!rule) throw new AppError(404, "There is no redaction rule with this id; it may have been removed already.");
    await writeAuditRow(client, {
      actor: actor.email,
      action: "redaction_rule.remove",
      targetType: "redaction_rule",
      targetId: String(input.id),
      before: { path: rule.path, createdBy: rule.created_by, createdAt: rule.created_at.toISOString() },
      ip: context.ip,
    });
    return { id: input.id, path: rule.path };
  });
  forgetRedactionRules(pool);
  return removed;
}
