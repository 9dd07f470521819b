import type { Pool } from "pg";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { type Serialized, serialize } from "./dashboard-views/serialized";
import { type FailureIssueSummary, type IssueListFilter, listFailureIssues } from "./list-failure-issues";

// The issue list for one person, as the browser gets it: their sites' figures only, values
// only for roles that may see them, and whether they may act on issues.
export interface FailureIssuesView {
  issues: Serialized<FailureIssueSummary>[];
  valuesVisible: boolean;
  canManage: boolean;
}

export async function loadFailureIssues(
  pool: Pool,
  actor: Pick<Actor, "role" | "scope">,
  filter: IssueListFilter,
): Promise<FailureIssuesView> {
  const issues = await listFailureIssues(pool, filter, actor.scope);
  const valuesVisible = can(actor.role, "values:read");
  return {
    issues: serialize(valuesVisible ? issues : issues.map((i) => ({ ...i, value: [] }))),
    valuesVisible,
    canManage: can(actor.role, "issues:manage"),
  };
}
