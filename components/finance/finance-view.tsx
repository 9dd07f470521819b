"use client";

import { CycleTimeChart } from "@/components/charts/cycle-time-chart";
import { DashboardViewHeader } from "@/components/dashboard/dashboard-view-header";
import { useDashboardQuery, useExportHref } from "@/components/dashboard/use-dashboard-query";
import { EmptyState } from "@/components/ui/empty-state";
import { ExportCsvLink } from "@/components/ui/export-csv-link";
import { formatMinutes } from "@/components/ui/format";
import { QueryCard } from "@/components/ui/query-card";
import { CardBodySkeleton } from "@/components/ui/skeleton";
import type { UnpostedLoadsView } from "@/lib/queries/dashboard-views/load-unposted-loads";
import type { Catalogue } from "@/lib/queries/list-catalogue";
import { FINANCE_VIEW } from "@/lib/react-query/dashboard-views";
import { UnpostedLoadsTable } from "./unposted-loads-table";
import { ValueWaiting } from "./value-waiting";
import { WhereHeld } from "./where-held";

// Finance: which shipped loads are not yet posted to invoicing, what value is waiting,
// and how long shipment-to-invoice is taking. One query feeds every card.
export function FinanceView({ catalogue }: { catalogue: Catalogue }) {
  const query = useDashboardQuery<UnpostedLoadsView>(FINANCE_VIEW);
  const exportHref = useExportHref(FINANCE_VIEW);
  const noLoads = (d: UnpostedLoadsView) => d.loads.length === 0;
  const nothingUnposted = (
    <EmptyState
      compact
      title="Every shipped load is invoiced"
      description="No load shipped in these filters is past the invoicing SLA without a posted invoice."
    />
  );
  return (
    <div className="flex flex-col gap-5">
      <DashboardViewHeader
        title="Finance"
        question="Loads shipped from the warehouses with no invoice posted in the ERP within the invoicing SLA, where each is held, and how long shipment-to-invoice takes."
        catalogue={{ ...catalogue, workflows: [] }}
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 xl:grid-cols-3">
        <QueryCard
          title="Value waiting to be invoiced"
          description="Shipped in the time range, not invoiced, per currency"
          query={query}
          skeleton={<CardBodySkeleton height="h-10" />}
        >
          {(d) => <ValueWaiting data={d} />}
        </QueryCard>
        <QueryCard
          title="Where the loads are held"
          description="Unposted loads by the step that holds them"
          query={query}
          skeleton={<CardBodySkeleton height="h-16" />}
          isEmpty={noLoads}
          empty={<EmptyState compact title="Nothing held" />}
        >
          {(d) => <WhereHeld data={d} />}
        </QueryCard>
        <QueryCard
          title="Shipment-to-invoice cycle time"
          className="lg:col-span-2 xl:col-span-1"
          description={
            query.data
              ? `p50 and p95 per day (UTC), by invoice posting; SLA ${formatMinutes(query.data.slaMinutes)}`
              : "p50 and p95 per day (UTC), by invoice posting"
          }
          query={query}
          skeleton={<CardBodySkeleton height="h-36" />}
        >
          {(d) => (
            <CycleTimeChart
              days={d.cycleTime}
              from={new Date(d.window.from)}
              to={new Date(d.window.to)}
              slaMs={d.slaMinutes * 60_000}
              height={180}
            />
          )}
        </QueryCard>
      </div>
      <QueryCard
        title="Unposted loads"
        description="Oldest shipment first; a load held at two steps has a row for each"
        query={query}
        actions={<ExportCsvLink href={exportHref} />}
        isEmpty={noLoads}
        empty={nothingUnposted}
      >
        {(d) => <UnpostedLoadsTable loads={d.loads} />}
      </QueryCard>
    </div>
  );
}
