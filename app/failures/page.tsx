import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDatabase } from "@/lib/db";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { prefetchDashboard } from "@/lib/query/prefetch-dashboard";
import { loadFailureSignatures } from "@/lib/queries/dashboard-views/load-failure-signatures";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { FAILURES_VIEW } from "@/components/dashboard/dashboard-views";
import { FailuresView } from "@/components/failures/failures-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Failures" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function FailuresPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("transactions:read");
  const params = loadDashboardParams(await searchParams);
  const db = getDatabase();
  const [catalogue, state] = await Promise.all([listCatalogue(db.prisma, actor.scope), prefetchDashboard(FAILURES_VIEW.key, params, () => loadFailureSignatures(db, actor, params))]);
  return (
    <HydrationBoundary state={state}>
      <FailuresView catalogue={catalogue} />
    </HydrationBoundary>
  );
}
