import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { KpisDashboard } from "@/components/kpis/kpis-dashboard";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { loadKpis } from "@/lib/queries/dashboard-views/load-kpis";
import { readDashboardView } from "@/lib/queries/dashboard-views/read-dashboard-view";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { KPIS_VIEW } from "@/lib/react-query/dashboard-views";
import { prefetchDashboard } from "@/lib/react-query/prefetch-dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "KPIs" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function KpisPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("transactions:read");
  const params = loadDashboardParams(await searchParams);
  const [catalogue, state] = await Promise.all([
    listCatalogue(getPrisma(), actor.scope),
    prefetchDashboard(KPIS_VIEW, params, () => readDashboardView(loadKpis, actor, params)),
  ]);
  return (
    <HydrationBoundary state={state}>
      <KpisDashboard sites={catalogue.sites.map((s) => s.code)} workflows={catalogue.workflows} />
    </HydrationBoundary>
  );
}
