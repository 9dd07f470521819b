"use client";

import { useDashboardQuery, useExportHref } from "@/components/dashboard/use-dashboard-query";
import { DashboardFilterBar, type DashboardFilterBarProps } from "@/components/filters/dashboard-filter-bar";
import { ExportCsvLink } from "@/components/ui/export-csv-link";
import { QueryCard } from "@/components/ui/query-card";
import { CardBodySkeleton } from "@/components/ui/skeleton";
import type { KpisView } from "@/lib/queries/dashboard-views/load-kpis";
import { KPIS_VIEW } from "@/lib/react-query/dashboard-views";
import { KpiTable } from "./kpi-table";

// The seven KPIs executives track, for the filters in the URL, against the period before.
export function KpisDashboard({ sites, workflows }: Pick<DashboardFilterBarProps, "sites" | "workflows">) {
  const query = useDashboardQuery<KpisView>(KPIS_VIEW);
  const exportHref = useExportHref(KPIS_VIEW);
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-xl font-semibold tracking-tight">KPIs</h1>
      <DashboardFilterBar sites={sites} workflows={workflows} shallow />
      <QueryCard
        query={query}
        title="Key performance indicators"
        description="Current period against the previous period of the same length"
        skeleton={<CardBodySkeleton height="h-72" />}
        actions={query.data ? <ExportCsvLink href={exportHref} /> : null}
      >
        {(d) => <KpiTable kpis={d.kpis} />}
      </QueryCard>
    </div>
  );
}
