import type { PoolClient } from "pg";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { type IssueState, isIssueState } from "@/lib/domain/issue-state";
import { AppError } from "@/lib/errors";

// Shared by the issue services: the permission, then the issue locked for the change
// (two people acting at once take turns, and the second sees the first one's state), and
// the site rule: a site-scoped person acts only on issues seen at one of their sites, and
// one they may not see does not exist for them (404, as for transactions).

export interface LockedIssue {
  id: number;
  errorSignature: string;
  state: IssueState;
  ownerId: number | null;
}

export function requireIssuePermission(actor: Actor): void {
  if (!can(actor.role, "issues:manage")) throw new AppError(403, `Your role (${actor.role}) may not manage issues.`);
}

export async function lockIssue(client: PoolClient, actor: Actor, issueId: number): Promise<LockedIssue> {
  const { rows } = await client.query<{
    id: number;
    error_signature: string;
    state: string;
    owner_id: number | null;
    sites: string[];
  }>(`SELECT id, error_signature, state, owner_id, sites FROM failure_issues WHERE id = $1 FOR UPDATE`, [issueId]);
  const row = rows[0];
  const visible =
    row &&
    (actor.scope.kind === "all" ||
      row.sites.some((s) => actor.scope.kind === "sites" && actor.scope.sites.includes(s)));
  if (!row || !visible || !isIssueState(row.state)) throw new AppError(404, "There is no such issue.");
  return { id: row.id, errorSignature: row.error_signature, state: row.state, ownerId: row.owner_id };
}

export async function addIssueEvent(
  client: PoolClient,
  e: { issueId: number; kind: string; actorId: number | null; ownerId?: number | null; note?: string | null },
): Promise<void> {
  await client.query(
    `INSERT INTO failure_issue_events (issue_id, kind, actor_id, owner_id, note) VALUES ($1, $2, $3, $4, $5)`,
    [e.issueId, e.kind, e.actorId, e.ownerId ?? null, e.note ?? null],
  );
}
