import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { isValidRedactionPath } from "@/lib/domain/redact";
import { AppError } from "@/lib/errors";
import { forgetRedactionRules } from "@/lib/ingest/redaction-rules";
import { inTransaction } from "../postgres/in-transaction";
import { type AuditContext, writeAuditRow } from "./write-audit-row";

export const REDACTION_PATH_RULES =
  "dot-separated keys of letters, digits, _ or -, or * for any key; at most 200 characters";

export const redactionPath = z
  .string()
  .trim()
  .min(1, "Enter a field path, e.g. customer.email.")
  .max(200, "A path has at most 200 characters.")
  .refine(isValidRedactionPath, `A path is ${REDACTION_PATH_RULES} (e.g. customer.email or payment.*).`);

export const addRedactionRuleSchema = z.object({ path: redactionPath });
export type AddRedactionRuleInput = z.infer<typeof addRedactionRuleSchema>;

export interface AddedRedactionRule {
  id: number;
  path: string;
}

// Adds a payload path to mask at ingest. Applies to payloads stored from now on; what is
// already stored is not rewritten.
export async function addRedactionRule(
  pool: Pool,
  actor: Actor,
  input: AddRedactionRuleInput,
  context: AuditContext = {},
): Promise<AddedRedactionRule> {
  if (!isValidRedactionPath(input.path)) throw new AppError(400, `A path is ${REDACTION_PATH_RULES}.`);
  const added = await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO redaction_rules (path, created_by) VALUES ($1, $2) ON CONFLICT (path) DO NOTHING RETURNING id`,
      [input.path, actor.email],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new AppError(409, `The path ${input.path} is already masked.`);
    await writeAuditRow(client, {
      actor: actor.email,
      action: "redaction_rule.add",
      targetType: "redaction_rule",
      targetId: String(id),
      after: { path: input.path },
      ip: context.ip,
    });
    return { id, path: input.path };
  });
  // After COMMIT: forgetting earlier would let a concurrent ingest re-cache the old list.
  forgetRedactionRules(pool);
  return added;
}
