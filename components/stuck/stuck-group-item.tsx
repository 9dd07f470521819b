import Link from "next/link";
import type { ReactNode } from "react";
import { MoneyList } from "@/components/dashboard/money-list";
import { layerLabel } from "@/components/trace/layer-labels";
import { formatMinutes, formatUtc, humanize } from "@/components/ui/format";
import type { StuckWorkView } from "@/lib/queries/dashboard-views/load-stuck-work";
import { stuckGroupTransactionsHref } from "./stuck-group-href";

export type StuckGroup = StuckWorkView["groups"][number];

// One stuck group: the sentence a supervisor reads first, then the figures behind it and
// the way to its transactions. `actions` is where group actions (replay) are mounted.
export function StuckGroupItem({
  group,
  valuesVisible,
  actions,
}: {
  group: StuckGroup;
  valuesVisible: boolean;
  actions?: ReactNode;
}) {
  const failed = group.errorSignature !== null;
  return (
    <li
      data-testid="stuck-group"
      data-workflow={group.workflow}
      data-site={group.site ?? ""}
      className="flex flex-col gap-2 px-4 py-3 xl:flex-row xl:items-center xl:gap-6"
    >
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-zinc-900" data-testid="stuck-sentence">
          <span
            aria-hidden="true"
            className={`mr-2 inline-block h-2 w-2 rounded-full align-middle ${failed ? "bg-red-600" : "bg-amber-500"}`}
          />
          {group.sentence}
        </p>
        <p className="mt-1 text-xs text-zinc-500">
          {humanize(group.cause.status)} at {layerLabel(group.cause.layer).toLowerCase()}
          {group.cause.targetSystem ? `, on the way to ${group.cause.targetSystem}` : ""}
        </p>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 xl:shrink-0 xl:flex-nowrap">
        <dl className="grid shrink-0 grid-cols-[5.5rem_7.5rem_minmax(0,1fr)] gap-x-5 text-sm sm:w-[28rem]">
          <div>
            <dt className="text-xs text-zinc-500">Transactions</dt>
            <dd className="font-semibold tabular-nums text-zinc-900" data-testid="stuck-count">
              {group.count.toLocaleString("en-US")}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500">Oldest waiting</dt>
            <dd className="tabular-nums text-zinc-900">
              <time dateTime={group.oldestSince} title={`since ${formatUtc(group.oldestSince)}`}>
                {formatMinutes(group.oldestAgeMinutes)}
              </time>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500">Value</dt>
            <dd className="text-zinc-900">
              <MoneyList value={group.value} visible={valuesVisible} />
            </dd>
          </div>
        </dl>
        <div className="flex shrink-0 items-center gap-3 xl:min-w-44 xl:justify-end">
          <Link href={stuckGroupTransactionsHref(group)} className="text-sm font-medium text-blue-700 hover:underline">
            View transactions<span className="sr-only"> of this group</span> →
          </Link>
          {actions}
        </div>
      </div>
    </li>
  );
}
