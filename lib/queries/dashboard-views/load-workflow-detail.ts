import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Money } from "@/lib/domain/dashboard/money";
import { AppError } from "@/lib/errors";
import type { DashboardParams } from "@/lib/filters/dashboard-params";
import type { DashboardDb } from "@/lib/queries/dashboard/filter";
import type { FailureSignature } from "@/lib/queries/dashboard/get-failure-signatures";
import {
  getWorkflowDetail,
  type StuckTransaction,
  type WorkflowDetail,
} from "@/lib/queries/dashboard/get-workflow-detail";
import { type Serialized, serialize } from "./serialized";
import { viewFilter } from "./view-filter";

// One workflow's detail as the browser receives it. Values (error signatures' affected
// value, stuck transactions' amounts) are null for roles without values:read.
export type ErrorSignatureView = Omit<Serialized<FailureSignature>, "value"> & { value: Money[] | null };
export type StuckTransactionView = Serialized<StuckTransaction>;

export type WorkflowDetailView = Omit<Serialized<WorkflowDetail>, "topErrors" | "stuck"> & {
  topErrors: ErrorSignatureView[];
  stuck: StuckTransactionView[];
  valuesHidden: boolean;
};

export function toWorkflowDetailView(detail: WorkflowDetail, canSeeValues: boolean): WorkflowDetailView {
  const s = serialize(detail);
  return {
    ...s,
    topErrors: s.topErrors.map((e) => ({ ...e, value: canSeeValues ? e.value : null })),
    stuck: canSeeValues ? s.stuck : s.stuck.map((t) => ({ ...t, valueAmount: null, valueCurrency: null })),
    valuesHidden: !canSeeValues,
  };
}

// One workflow's page for one person, the same arguments as every dashboard loader and
// then the workflow; null for a workflow that does not exist.
export async function loadWorkflowDetail(
  db: DashboardDb,
  actor: Pick<Actor, "role" | "scope">,
  params: DashboardParams,
  now: Date,
  workflow: string,
): Promise<WorkflowDetailView | null> {
  // The page is about one workflow: a workflow filter in the URL does not narrow it further.
  const detail = await getWorkflowDetail(db, workflow, viewFilter({ ...params, workflow: [] }, now), actor.scope, now);
  return detail ? toWorkflowDetailView(detail, can(actor.role, "values:read")) : null;
}

const workflowNameSchema = z.string().trim().min(1).max(100);

// For the workflow's routes (JSON and CSV): an unknown workflow, or a name no workflow
// could have, is a 404.
export async function requireWorkflowDetail(
  db: DashboardDb,
  actor: Pick<Actor, "role" | "scope">,
  params: DashboardParams,
  now: Date,
  workflow: string,
): Promise<WorkflowDetailView> {
  const name = workflowNameSchema.safeParse(workflow);
  const detail = name.success ? await loadWorkflowDetail(db, actor, params, now, name.data) : null;
  if (!detail) throw new AppError(404, "No such workflow.");
  return detail;
}
