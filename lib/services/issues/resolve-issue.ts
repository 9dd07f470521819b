import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { type IssueState, transition } from "@/lib/domain/issue-state";
import { withoutNul } from "@/lib/domain/plain-text";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { type AuditContext, writeAuditRow } from "../write-audit-row";
import { addIssueEvent, lockIssue, requireIssuePermission } from "./lock-issue";

// Resolve an issue with a note (what was fixed). It closes the issue, not its transactions:
// failures still open stay in the transaction list to be replayed or closed one by one, and
// a failure arriving after now reopens the issue (lib/jobs/issues/sync-failure-issues.ts).

export const resolveIssueSchema = z.object({
  issueId: z.coerce.number().int().positive("must be an issue id"),
  note: withoutNul(
    z
      .string()
      .trim()
      .min(1, "Say what was fixed, for the history and the audit log.")
      .max(2000, "must be at most 2000 characters"),
  ),
});
export type ResolveIssueInput = z.infer<typeof resolveIssueSchema>;

export async function resolveIssue(
  pool: Pool,
  actor: Actor,
  input: ResolveIssueInput,
  context: AuditContext = {},
): Promise<{ state: IssueState }> {
  requireIssuePermission(actor);
  return inTransaction(pool, async (client) => {
    const issue = await lockIssue(client, actor, input.issueId);
    const next = transition(issue.state, "resolve");
    if (!next.ok) throw new AppError(409, next.reason);
    await client.query(
      `UPDATE failure_issues SET state = $2, resolved_at = now(), resolved_by = $3, resolve_note = $4, held_open = false, updated_at = now() WHERE id = $1`,
      [issue.id, next.state, actor.userId, input.note],
    );
    await addIssueEvent(client, { issueId: issue.id, kind: next.event, actorId: actor.userId, note: input.note });
    await writeAuditRow(client, {
      actor: actor.email,
      action: "issue.resolve",
      targetType: "failure_issue",
      targetId: String(issue.id),
      before: { state: issue.state },
      after: { state: next.state, note: input.note },
      ip: context.ip,
    });
    return { state: next.state };
  });
}
