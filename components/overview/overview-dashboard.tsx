"use client";

import { useQueryState } from "nuqs";
import { useDashboardQuery } from "@/components/dashboard/use-dashboard-query";
import type { DashboardFilterBarProps } from "@/components/filters/dashboard-filter-bar";
import { DashboardFilterBar } from "@/components/filters/dashboard-filter-bar";
import { useDashboardParams } from "@/components/filters/use-dashboard-params";
import { CardError } from "@/components/ui/card-error";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { freshnessOf, UpdatedAgo } from "@/components/ui/updated-ago";
import { unitWindow } from "@/lib/charts/shape-latency-percentiles";
import { OVERVIEW_ORDER_LABELS, OVERVIEW_ORDERS, orderCards } from "@/lib/domain/dashboard/overview-order";
import type { OverviewView } from "@/lib/queries/dashboard-views/load-overview";
import { OVERVIEW_VIEW, workflowPageHref } from "@/lib/react-query/dashboard-views";
import { overviewOrderParser } from "./overview-params";
import { WorkflowCard } from "./workflow-card";

// The landing page: one card per workflow for the filters in the URL, refreshed every 10 s
// (operators leave it open on a wall screen), what needs attention first unless the URL
// asks for another order.
export function OverviewDashboard({ sites, workflows }: Pick<DashboardFilterBarProps, "sites" | "workflows">) {
  const params = useDashboardParams();
  const [order, setOrder] = useQueryState("order", overviewOrderParser);
  const query = useDashboardQuery<OverviewView>(OVERVIEW_VIEW);
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">Overview</h1>
        <span className="flex items-center gap-3 text-xs text-zinc-500">
          {query.isError && query.data !== undefined ? <span className="text-red-700">refresh failed</span> : null}
          <UpdatedAgo
            at={freshnessOf(query.data, query.dataUpdatedAt)}
            refreshing={query.isFetching && !query.isPending}
          />
        </span>
      </div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <DashboardFilterBar sites={sites} workflows={workflows} shallow />
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
          Order
          <select
            aria-label="Order of the workflow cards"
            value={order}
            onChange={(e) => void setOrder(e.target.value as typeof order)}
            className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900"
          >
            {OVERVIEW_ORDERS.map((o) => (
              <option key={o} value={o}>
                {OVERVIEW_ORDER_LABELS[o]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {query.isPending ? (
        <OverviewSkeleton />
      ) : query.data === undefined ? (
        <CardError message={query.error?.message} onRetry={() => void query.refetch()} />
      ) : query.data.cards.length === 0 ? (
        <EmptyState
          title="No workflows to show"
          description="No registered workflow matches these filters. Clear the workflow filter, or register workflows under Admin."
        />
      ) : (
        <div
          className={`grid gap-4 md:grid-cols-2 xl:grid-cols-3 ${query.isPlaceholderData ? "opacity-60" : ""}`}
          aria-busy={query.isPlaceholderData}
        >
          {orderCards(query.data.cards, order).map((card) => (
            <WorkflowCard
              key={card.workflow}
              card={card}
              window={unitWindow(query.data.window, "hour")}
              href={workflowPageHref(card.workflow, params)}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function OverviewSkeleton() {
  return (
    <div role="status" aria-label="Loading" className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity but their place
        <div key={i} className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4">
          <Skeleton className="h-4 w-40" />
          <div className="grid grid-cols-3 gap-3">
            {Array.from({ length: 6 }, (_, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity but their place
              <Skeleton key={j} className="h-10" />
            ))}
          </div>
          <Skeleton className="h-10 w-full" />
        </div>
      ))}
    </div>
  );
}
