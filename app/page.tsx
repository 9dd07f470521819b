import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { OverviewDashboard } from "@/components/overview/overview-dashboard";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { loadOverview } from "@/lib/queries/dashboard-views/load-overview";
import { readDashboardView } from "@/lib/queries/dashboard-views/read-dashboard-view";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { OVERVIEW_VIEW } from "@/lib/react-query/dashboard-views";
import { prefetchDashboard } from "@/lib/react-query/prefetch-dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("transactions:read");
  const params = loadDashboardParams(await searchParams);
  const [catalogue, state] = await Promise.all([
    listCatalogue(getPrisma(), actor.scope),
    prefetchDashboard(OVERVIEW_VIEW, params, () => readDashboardView(loadOverview, actor, params)),
  ]);
  return (
    <HydrationBoundary state={state}>
      <OverviewDashboard sites={catalogue.sites.map((s) => s.code)} workflows={catalogue.workflows} />
    </HydrationBoundary>
  );
}
