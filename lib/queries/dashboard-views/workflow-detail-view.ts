import type { Money } from "@/lib/domain/dashboard/money";
import type { FailureSignature } from "@/lib/queries/dashboard/get-failure-signatures";
import type { StuckTransaction, WorkflowDetail } from "@/lib/queries/dashboard/get-workflow-detail";
import { serialize, type Serialized } from "./serialized";

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
