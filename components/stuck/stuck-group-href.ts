import { type ListParams, listHref } from "@/components/transactions/list-params";
import type { StuckWorkView } from "@/lib/queries/dashboard-views/load-stuck-work";

type StuckGroup = StuckWorkView["groups"][number];

// The transaction list filtered to one stuck group: same workflow, site and status, and
// for a failure its error signature. The list does not know the SLA, so it may also show
// members that are waiting but not yet stuck; the group's own count is the stuck ones.
export function stuckGroupTransactionsHref(
  group: Pick<StuckGroup, "workflow" | "site" | "cause" | "errorSignature">,
): string {
  const params: ListParams = { workflow: group.workflow, status: group.cause.status };
  if (group.site) params.site = group.site;
  if (group.errorSignature) params.errorSignature = group.errorSignature;
  return listHref(params);
}

// A stable React key and test id for a group: its grouping columns.
export function stuckGroupKey(group: Pick<StuckGroup, "workflow" | "site" | "cause" | "errorSignature">): string {
  return [group.workflow, group.site ?? "-", group.cause.status, group.cause.layer, group.errorSignature ?? "-"].join(
    "|",
  );
}
