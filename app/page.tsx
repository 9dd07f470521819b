import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { loadOverview } from "@/lib/queries/dashboard-views/load-dashboard-views";
import { overviewQueryKey } from "@/lib/queries/dashboard-views/dashboard-queries";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { getQueryClient } from "@/lib/query/get-query-client";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { OverviewDashboard } from "@/components/overview/overview-dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Prefetched on the server so the first paint has figures; the browser refreshes them.
export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor("transactions:read");
  const params = loadDashboardParams(await searchParams);
  const queryClient = getQueryClient();
  const [catalogue] = await Promise.all([
    listCatalogue(getPrisma(), actor.scope),
    queryClient.prefetchQuery({ queryKey: overviewQueryKey(params), queryFn: () => loadOverview(actor, params) }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OverviewDashboard sites={catalogue.sites.map((s) => s.code)} workflows={catalogue.workflows} />
    </HydrationBoundary>
  );
}
