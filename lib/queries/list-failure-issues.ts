import type { Pool } from "pg";
import { z } from "zod";
import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import { ISSUE_STATES, type IssueState } from "@/lib/domain/issue-state";
import { type IssueFigures, issueScopeSql, NO_FIGURES, readIssueFigures } from "./failure-issue-figures";

// The Failures view's issue list: unresolved first (newest failure first), then resolved,
// each with its live figures within the reader's sites. Synced first when due, so a
// failure that just arrived is already an issue.

export const issueListSchema = z.object({
  state: z
    .enum(ISSUE_STATES)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type IssueListFilter = z.infer<typeof issueListSchema>;

export interface FailureIssueSummary extends IssueFigures {
  id: number;
  errorSignature: string;
  layer: string;
  targetSystem: string | null;
  errorCode: string | null;
  state: IssueState;
  owner: { id: number; name: string } | null;
  firstSeen: Date;
  lastSeen: Date;
  resolvedAt: Date | null;
}

interface Row {
  id: number;
  error_signature: string;
  layer: string;
  target_system: string | null;
  error_code: string | null;
  state: IssueState;
  owner_id: number | null;
  owner_name: string | null;
  first_seen: Date;
  last_seen: Date;
  resolved_at: Date | null;
}

export const ISSUE_LIST_LIMIT = 200;

export async function listFailureIssues(
  pool: Pool,
  filter: IssueListFilter = {},
  scope: SiteScope = ALL_SITES,
): Promise<FailureIssueSummary[]> {
  const where = issueScopeSql(scope, 2);
  const { rows } = await pool.query<Row>(
    `SELECT i.id, i.error_signature, i.layer, i.target_system, i.error_code, i.state, i.owner_id,
            coalesce(u.name, u.email) AS owner_name, i.first_seen, i.last_seen, i.resolved_at
     FROM failure_issues i LEFT JOIN users u ON u.id = i.owner_id
     WHERE ($1::text IS NULL OR i.state = $1) AND ${where.sql}
     ORDER BY (i.state = 'resolved'), i.last_seen DESC, i.id
     LIMIT ${ISSUE_LIST_LIMIT}`,
    [filter.state ?? null, ...where.values],
  );
  const figures = await readIssueFigures(
    pool,
    rows.map((r) => r.error_signature),
    scope,
  );
  return rows.map((r) => toSummary(r, figures.get(r.error_signature) ?? NO_FIGURES));
}

export function toSummary(r: Row, figures: IssueFigures): FailureIssueSummary {
  return {
    id: r.id,
    errorSignature: r.error_signature,
    layer: r.layer,
    targetSystem: r.target_system,
    errorCode: r.error_code,
    state: r.state,
    owner: r.owner_id === null ? null : { id: r.owner_id, name: r.owner_name ?? `user ${r.owner_id}` },
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    resolvedAt: r.resolved_at,
    ...figures,
  };
}

export type { Row as FailureIssueRow };
