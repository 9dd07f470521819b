import type { Pool } from "pg";
import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import type { IssueEventKind } from "@/lib/domain/issue-state";
import { issueScopeSql, NO_FIGURES, readIssueFigures } from "./failure-issue-figures";
import { type FailureIssueRow, type FailureIssueSummary, toSummary } from "./list-failure-issues";

// One issue for its page: the summary with live figures, who resolved it and why, and its
// history (oldest first). Null when there is no such issue or it was never seen at the
// reader's sites (the page answers 404 either way).

export interface IssueHistoryEntry {
  id: string;
  at: Date;
  kind: IssueEventKind;
  actor: string | null; // null: the sync (first failure, recurrence, nothing left open)
  owner: string | null;
  note: string | null;
}

export interface FailureIssueDetail extends FailureIssueSummary {
  sitesEverSeen: string[];
  acknowledgedAt: Date | null;
  resolvedBy: string | null;
  resolveNote: string | null;
  history: IssueHistoryEntry[];
}

export async function getFailureIssue(
  pool: Pool,
  id: number,
  scope: SiteScope = ALL_SITES,
): Promise<FailureIssueDetail | null> {
  const where = issueScopeSql(scope, 2);
  const { rows } = await pool.query<
    FailureIssueRow & {
      sites: string[];
      acknowledged_at: Date | null;
      resolved_by_name: string | null;
      resolve_note: string | null;
    }
  >(
    `SELECT i.id, i.error_signature, i.layer, i.target_system, i.error_code, i.state, i.owner_id,
            coalesce(u.name, u.email) AS owner_name, i.first_seen, i.last_seen, i.resolved_at,
            i.sites, i.acknowledged_at, coalesce(r.name, r.email) AS resolved_by_name, i.resolve_note
     FROM failure_issues i LEFT JOIN users u ON u.id = i.owner_id LEFT JOIN users r ON r.id = i.resolved_by
     WHERE i.id = $1 AND ${where.sql}`,
    [id, ...where.values],
  );
  const row = rows[0];
  if (!row) return null;
  const [figures, history] = await Promise.all([
    readIssueFigures(pool, [row.error_signature], scope),
    readHistory(pool, id),
  ]);
  return {
    ...toSummary(row, figures.get(row.error_signature) ?? NO_FIGURES),
    sitesEverSeen: row.sites,
    acknowledgedAt: row.acknowledged_at,
    resolvedBy: row.resolved_by_name,
    resolveNote: row.resolve_note,
    history,
  };
}

async function readHistory(pool: Pool, issueId: number): Promise<IssueHistoryEntry[]> {
  const { rows } = await pool.query<{
    id: string;
    at: Date;
    kind: IssueEventKind;
    actor: string | null;
    owner: string | null;
    note: string | null;
  }>(
    `SELECT e.id::text, e.at, e.kind, coalesce(a.name, a.email) AS actor, coalesce(o.name, o.email) AS owner, e.note
     FROM failure_issue_events e LEFT JOIN users a ON a.id = e.actor_id LEFT JOIN users o ON o.id = e.owner_id
     WHERE e.issue_id = $1 ORDER BY e.at, e.id`,
    [issueId],
  );
  return rows;
}

// Who an issue can be handed to: active users whose role may manage issues.
export async function listIssueOwners(pool: Pool, roles: readonly string[]): Promise<{ id: number; name: string }[]> {
  const { rows } = await pool.query<{ id: number; name: string }>(
    `SELECT id, coalesce(name, email) AS name FROM users WHERE disabled_at IS NULL AND role = ANY($1::text[]) ORDER BY 2`,
    [roles],
  );
  return rows;
}
