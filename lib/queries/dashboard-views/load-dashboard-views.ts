import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getDatabase } from "@/lib/db";
import type { DashboardParams } from "@/lib/filters/dashboard-params";
import { getKpis } from "@/lib/queries/dashboard/get-kpis";
import { getOverview } from "@/lib/queries/dashboard/get-overview";
import { getWorkflowDetail } from "@/lib/queries/dashboard/get-workflow-detail";
import { viewFilter } from "./view-filter";
import { toKpisView, type KpisView } from "./kpis-view";
import { toOverviewView, type OverviewView } from "./overview-view";
import { toWorkflowDetailView, type WorkflowDetailView } from "./workflow-detail-view";

// What a page prefetches and its JSON route answers are the same call, so the first
// paint and every refresh show the same figures for the same filters and person.

export async function loadOverview(actor: Actor, params: DashboardParams, now = new Date()): Promise<OverviewView> {
  const overview = await getOverview(getDatabase(), viewFilter(params, now), actor.scope, now);
  return toOverviewView(overview, can(actor.role, "values:read"));
}

// null for a workflow that does not exist.
export async function loadWorkflowDetail(actor: Actor, workflow: string, params: DashboardParams, now = new Date()): Promise<WorkflowDetailView | null> {
  // The page is about one workflow: a workflow filter in the URL does not narrow it further.
  const detail = await getWorkflowDetail(getDatabase(), workflow, viewFilter({ ...params, workflow: [] }, now), actor.scope, now);
  return detail ? toWorkflowDetailView(detail, can(actor.role, "values:read")) : null;
}

export async function loadKpis(actor: Actor, params: DashboardParams, now = new Date()): Promise<KpisView> {
  return toKpisView(await getKpis(getDatabase(), viewFilter(params, now), actor.scope));
}
