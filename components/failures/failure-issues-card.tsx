"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useQueryState } from "nuqs";
import { fetchDashboard } from "@/components/dashboard/fetch-dashboard";
import { DASHBOARD_REFRESH_MS } from "@/components/dashboard/use-dashboard-query";
import { ISSUE_STATE_LABELS } from "@/components/issues/issue-state-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryCard } from "@/components/ui/query-card";
import { ISSUE_STATES } from "@/lib/domain/issue-state";
import type { FailureIssuesView } from "@/lib/queries/load-failure-issues";
import { ISSUES_ENDPOINT, issueStateParser, issuesQueryKey } from "./issue-params";
import { IssueTable } from "./issue-table";

// Issues now, whatever the time range: the open failures per signature, who owns them and
// their state. The state filter lives in the URL (?issueState=) like the other filters.
export function FailureIssuesCard() {
  const [state, setState] = useQueryState("issueState", issueStateParser);
  const query = useQuery({
    queryKey: issuesQueryKey(state),
    queryFn: ({ signal }) =>
      fetchDashboard<FailureIssuesView>(`${ISSUES_ENDPOINT}${state ? `?state=${state}` : ""}`, signal),
    refetchInterval: DASHBOARD_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  return (
    <QueryCard
      title="Issues"
      description="Open failures grouped by error signature, with their owner and state; not limited to the time range"
      query={query}
      actions={
        <label className="flex items-center gap-1 text-xs text-zinc-600">
          State
          <select
            aria-label="Issue state"
            value={state ?? ""}
            onChange={(e) => void setState(e.target.value ? (e.target.value as (typeof ISSUE_STATES)[number]) : null)}
            className="h-7 rounded-md border border-zinc-300 bg-white px-1 text-xs text-zinc-900"
          >
            <option value="">All</option>
            {ISSUE_STATES.map((s) => (
              <option key={s} value={s}>
                {ISSUE_STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      }
      isEmpty={(d) => d.issues.length === 0}
      empty={
        <EmptyState
          compact
          title={state ? `No ${ISSUE_STATE_LABELS[state].toLowerCase()} issues` : "No issues"}
          description="No failure with an error signature is open at your sites."
        />
      }
    >
      {(d) => <IssueTable issues={d.issues} valuesVisible={d.valuesVisible} />}
    </QueryCard>
  );
}
