import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WorkflowDetailDashboard } from "@/components/workflow-detail/workflow-detail-dashboard";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { loadWorkflowDetail } from "@/lib/queries/dashboard-views/load-workflow-detail";
import { readDashboardView } from "@/lib/queries/dashboard-views/read-dashboard-view";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { workflowDetailView } from "@/lib/react-query/dashboard-views";
import { prefetchDashboard } from "@/lib/react-query/prefetch-dashboard";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: workflowName((await params).name).replaceAll("_", " ") };
}

// Route params may arrive still percent-encoded; a stray "%" in a name is kept as it is.
function workflowName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

// Loaded before the prefetch rather than inside it: an unknown workflow must answer 404, not an empty page.
export default async function WorkflowPage({ params, searchParams }: Props) {
  const actor = await requirePageActor("transactions:read");
  const name = workflowName((await params).name);
  const filters = loadDashboardParams(await searchParams);
  const [detail, catalogue] = await Promise.all([
    readDashboardView((db, a, p, now) => loadWorkflowDetail(db, a, p, now, name), actor, filters),
    listCatalogue(getPrisma(), actor.scope),
  ]);
  if (!detail) notFound();
  const state = await prefetchDashboard(workflowDetailView(name), filters, async () => detail);
  return (
    <HydrationBoundary state={state}>
      <WorkflowDetailDashboard workflow={name} sites={catalogue.sites.map((s) => s.code)} />
    </HydrationBoundary>
  );
}
