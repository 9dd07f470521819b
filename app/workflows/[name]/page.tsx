import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { loadWorkflowDetail } from "@/lib/queries/dashboard-views/load-dashboard-views";
import { workflowDetailQueryKey } from "@/lib/queries/dashboard-views/dashboard-queries";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { getQueryClient } from "@/lib/query/get-query-client";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { WorkflowDetailDashboard } from "@/components/workflow-detail/workflow-detail-dashboard";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

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

// Loaded here rather than only prefetched: an unknown workflow must answer 404, not an empty page.
export default async function WorkflowPage({ params, searchParams }: Props) {
  const actor = await requirePageActor("transactions:read");
  const name = workflowName((await params).name);
  const filters = loadDashboardParams(await searchParams);
  const [detail, catalogue] = await Promise.all([loadWorkflowDetail(actor, name, filters), listCatalogue(getPrisma(), actor.scope)]);
  if (!detail) notFound();
  const queryClient = getQueryClient();
  queryClient.setQueryData(workflowDetailQueryKey(name, filters), detail);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <WorkflowDetailDashboard workflow={name} sites={catalogue.sites.map((s) => s.code)} />
    </HydrationBoundary>
  );
}
