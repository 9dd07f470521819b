"use client";

import type { ReactNode } from "react";
import { DashboardViewHeader } from "@/components/dashboard/dashboard-view-header";
import { MoneyList } from "@/components/dashboard/money-list";
import { useDashboardQuery, useExportHref } from "@/components/dashboard/use-dashboard-query";
import { EmptyState } from "@/components/ui/empty-state";
import { ExportCsvLink } from "@/components/ui/export-csv-link";
import { QueryCard } from "@/components/ui/query-card";
import type { StuckWorkView as StuckWorkData } from "@/lib/queries/dashboard-views/load-stuck-work";
import type { Catalogue } from "@/lib/queries/list-catalogue";
import { STUCK_VIEW } from "@/lib/react-query/dashboard-views";
import type { StuckGroup } from "./stuck-group-item";
import { StuckGroupList } from "./stuck-group-list";
import { StuckListSkeleton } from "./stuck-list-skeleton";

export interface StuckWorkViewProps {
  catalogue: Catalogue;
  // Per-group actions, e.g. "Replay group" (stuck-work-with-replay.tsx).
  renderGroupActions?: (group: StuckGroup) => ReactNode;
}

// Stuck work for warehouse managers: which transactions of my sites are stuck, why, since when.
export function StuckWorkView({ catalogue, renderGroupActions }: StuckWorkViewProps) {
  const query = useDashboardQuery<StuckWorkData>(STUCK_VIEW);
  const exportHref = useExportHref(STUCK_VIEW);
  return (
    <div className="flex flex-col gap-5">
      <DashboardViewHeader
        title="Stuck work"
        question="Transactions with no progress for longer than their workflow's SLA, grouped by workflow, site and cause. Failures that need a person come first, then the groups that block the most value."
        catalogue={catalogue}
      />
      <QueryCard
        title="Stuck groups"
        description={
          query.data ? (
            <StuckTotal data={query.data} />
          ) : (
            "Evaluated now, for transactions whose last progress falls in the time range."
          )
        }
        query={query}
        actions={<ExportCsvLink href={exportHref} />}
        skeleton={<StuckListSkeleton />}
        isEmpty={(d) => d.groups.length === 0}
        empty={
          <EmptyState
            compact
            title="Nothing is stuck"
            description="No transaction in these filters has gone longer than its workflow's SLA without progress."
          />
        }
      >
        {(data) => (
          <StuckGroupList
            groups={data.groups}
            valuesVisible={data.valuesVisible}
            renderGroupActions={renderGroupActions}
          />
        )}
      </QueryCard>
    </div>
  );
}

function StuckTotal({ data }: { data: StuckWorkData }) {
  const { count, value } = data.total;
  return (
    <span data-testid="stuck-total">
      {count.toLocaleString("en-US")} stuck transaction{count === 1 ? "" : "s"} in {data.groups.length} group
      {data.groups.length === 1 ? "" : "s"}
      {data.valuesVisible && value.length > 0 ? (
        <>
          {" · value waiting "}
          <MoneyList value={value} />
        </>
      ) : null}
    </span>
  );
}
