import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { loadKpis } from "@/lib/queries/dashboard-views/load-dashboard-views";
import { kpisQueryKey } from "@/lib/queries/dashboard-views/dashboard-queries";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { getQueryClient } from "@/lib/query/get-query-client";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { KpisDashboard } from "@/components/kpis/kpis-dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "KPIs" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function KpisPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor("transactions:read");
  const params = loadDashboardParams(await searchParams);
  const queryClient = getQueryClient();
  const [catalogue] = await Promise.all([
    listCatalogue(getPrisma(), actor.scope),
    queryClient.prefetchQuery({ queryKey: kpisQueryKey(params), queryFn: () => loadKpis(actor, params) }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <KpisDashboard sites={catalogue.sites.map((s) => s.code)} workflows={catalogue.workflows} />
    </HydrationBoundary>
  );
}
