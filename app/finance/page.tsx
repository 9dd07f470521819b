import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { FinanceView } from "@/components/finance/finance-view";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { loadUnpostedLoads } from "@/lib/queries/dashboard-views/load-unposted-loads";
import { readDashboardView } from "@/lib/queries/dashboard-views/read-dashboard-view";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { FINANCE_VIEW } from "@/lib/react-query/dashboard-views";
import { prefetchDashboard } from "@/lib/react-query/prefetch-dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Finance" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function FinancePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("financials:read");
  const params = loadDashboardParams(await searchParams);
  const [catalogue, state] = await Promise.all([
    listCatalogue(getPrisma(), actor.scope),
    prefetchDashboard(FINANCE_VIEW, params, () => readDashboardView(loadUnpostedLoads, actor, params)),
  ]);
  return (
    <HydrationBoundary state={state}>
      <FinanceView catalogue={catalogue} />
    </HydrationBoundary>
  );
}
