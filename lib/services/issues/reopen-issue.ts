import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { type IssueState, transition } from "@/lib/domain/issue-state";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { type AuditContext, writeAuditRow } from "../write-audit-row";
import { addIssueEvent, lockIssue, requireIssuePermission } from "./lock-issue";

// Reopen a resolved issue by hand (the fix did not hold, or it was resolved by mistake).
// The owner stays, so the person who had it sees it come back. Held open: the sync does not
// resolve it again before a failure with its signature comes (lib/domain/issue-state.ts).

export const reopenIssueSchema = z.object({
  issueId: z.coerce.number().int().positive("must be an issue id"),
  note: z
    .string()
    .trim()
    .max(2000, "must be at most 2000 characters")
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type ReopenIssueInput = z.infer<typeof reopenIssueSchema>;

export async function reopenIssue(
  pool: Pool,
  actor: Actor,
  input: ReopenIssueInput,
  context: AuditContext = {},
): Promise<{ state: IssueState }> {
  requireIssuePermission(actor);
  return inTransaction(pool, async (client) => {
    const issue = await lockIssue(client, actor, input.issueId);
    const next = transition(issue.state, "reopen");
    if (!next.ok) throw new AppError(409, next.reason);
    await client.query(`UPDATE failure_issues SET state = $2, held_open = true, updated_at = now() WHERE id = $1`, [
      issue.id,
      next.state,
    ]);
    await addIssueEvent(client, {
      issueId: issue.id,
      kind: next.event,
      actorId: actor.userId,
      note: input.note ?? null,
    });
    await writeAuditRow(client, {
      actor: actor.email,
      action: "issue.reopen",
      targetType: "failure_issue",
      targetId: String(issue.id),
      before: { state: issue.state },
      after: { state: next.state, note: input.note ?? null },
      ip: context.ip,
    });
    return { state: next.state };
  });
}
