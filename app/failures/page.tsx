import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { FailuresView } from "@/components/failures/failures-view";
import { issuesQueryKey } from "@/components/failures/issue-params";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDatabase } from "@/lib/db";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { loadFailureSignatures } from "@/lib/queries/dashboard-views/load-failure-signatures";
import { readDashboardView } from "@/lib/queries/dashboard-views/read-dashboard-view";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { type IssueListFilter, issueListSchema } from "@/lib/queries/list-failure-issues";
import { loadFailureIssues } from "@/lib/queries/load-failure-issues";
import { FAILURES_VIEW } from "@/lib/react-query/dashboard-views";
import { getQueryClient } from "@/lib/react-query/get-query-client";
import { prefetchDashboard } from "@/lib/react-query/prefetch-dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Failures" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function FailuresPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("transactions:read");
  const search = await searchParams;
  const params = loadDashboardParams(search);
  const db = getDatabase();
  const [catalogue, state, issues] = await Promise.all([
    listCatalogue(db.prisma, actor.scope),
    prefetchDashboard(FAILURES_VIEW, params, () => readDashboardView(loadFailureSignatures, actor, params)),
    prefetchIssues(search.issueState, (filter) => loadFailureIssues(db.pool, actor, filter)),
  ]);
  return (
    <HydrationBoundary state={state}>
      <HydrationBoundary state={issues}>
        <FailuresView catalogue={catalogue} />
      </HydrationBoundary>
    </HydrationBoundary>
  );
}

// The issue list under the key the browser's query uses; an invalid state is left to the
// client (it shows all issues), a failed load to the card's retry.
async function prefetchIssues(raw: string | string[] | undefined, load: (filter: IssueListFilter) => Promise<unknown>) {
  const queryClient = getQueryClient();
  const parsed = issueListSchema.safeParse({ state: typeof raw === "string" ? raw : undefined });
  const filter = parsed.success ? parsed.data : {};
  await queryClient.prefetchQuery({ queryKey: issuesQueryKey(filter.state ?? null), queryFn: () => load(filter) });
  return dehydrate(queryClient);
}
