import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can, isRole } from "@/lib/auth/permissions";
import { type IssueState, transition } from "@/lib/domain/issue-state";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { type AuditContext, writeAuditRow } from "../write-audit-row";
import { addIssueEvent, lockIssue, requireIssuePermission } from "./lock-issue";

// Acknowledge an issue and give it an owner: the person acting (take ownership) or another
// active user who may manage issues. On an acknowledged issue, a different owner is a hand-over.

export const acknowledgeIssueSchema = z.object({
  issueId: z.coerce.number().int().positive("must be an issue id"),
  ownerId: z.coerce.number().int().positive("must be a user id").optional(),
});
export type AcknowledgeIssueInput = z.infer<typeof acknowledgeIssueSchema>;

export async function acknowledgeIssue(
  pool: Pool,
  actor: Actor,
  input: AcknowledgeIssueInput,
  context: AuditContext = {},
): Promise<{ state: IssueState; ownerId: number }> {
  requireIssuePermission(actor);
  const ownerId = input.ownerId ?? actor.userId;
  return inTransaction(pool, async (client) => {
    if (ownerId !== actor.userId) {
      const { rows } = await client.query<{ role: string }>(
        `SELECT role FROM users WHERE id = $1 AND disabled_at IS NULL`,
        [ownerId],
      );
      const role = rows[0]?.role;
      if (!isRole(role) || !can(role, "issues:manage"))
        throw new AppError(400, "The owner must be an active user who may manage issues.");
    }
    const issue = await lockIssue(client, actor, input.issueId);
    const next = transition(issue.state, "acknowledge", { current: issue.ownerId, next: ownerId });
    if (!next.ok) throw new AppError(409, next.reason);
    await client.query(
      `UPDATE failure_issues SET state = $2, owner_id = $3, acknowledged_at = CASE WHEN state = 'acknowledged' THEN acknowledged_at ELSE now() END, updated_at = now() WHERE id = $1`,
      [issue.id, next.state, ownerId],
    );
    await addIssueEvent(client, { issueId: issue.id, kind: next.event, actorId: actor.userId, ownerId });
    await writeAuditRow(client, {
      actor: actor.email,
      action: next.event === "owner_changed" ? "issue.assign" : "issue.acknowledge",
      targetType: "failure_issue",
      targetId: String(issue.id),
      before: { state: issue.state, ownerId: issue.ownerId },
      after: { state: next.state, ownerId },
      ip: context.ip,
    });
    return { state: next.state, ownerId };
  });
}
