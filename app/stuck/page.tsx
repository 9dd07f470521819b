import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { StuckWorkWithReplay } from "@/components/stuck/stuck-work-with-replay";
import { requirePageActor } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { loadStuckWork } from "@/lib/queries/dashboard-views/load-stuck-work";
import { readDashboardView } from "@/lib/queries/dashboard-views/read-dashboard-view";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { STUCK_VIEW } from "@/lib/react-query/dashboard-views";
import { prefetchDashboard } from "@/lib/react-query/prefetch-dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stuck work" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function StuckWorkPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("transactions:read");
  const params = loadDashboardParams(await searchParams);
  const [catalogue, state] = await Promise.all([
    listCatalogue(getPrisma(), actor.scope),
    prefetchDashboard(STUCK_VIEW, params, () => readDashboardView(loadStuckWork, actor, params)),
  ]);
  return (
    <HydrationBoundary state={state}>
      <StuckWorkWithReplay
        catalogue={catalogue}
        canReplay={can(actor.role, "transactions:replay")}
        canForce={can(actor.role, "transactions:force_replay")}
      />
    </HydrationBoundary>
  );
}
