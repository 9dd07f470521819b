"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ExportCsvButton } from "@/components/dashboard/export-csv-button";
import { DashboardFilterBar, type DashboardFilterBarProps } from "@/components/filters/dashboard-filter-bar";
import { useDashboardParams } from "@/components/filters/use-dashboard-params";
import { downloadCsv } from "@/components/ui/download-csv";
import { QueryCard } from "@/components/ui/query-card";
import { CardBodySkeleton } from "@/components/ui/skeleton";
import { csvFilename } from "@/lib/csv/csv";
import { KPI_CSV_COLUMNS } from "@/lib/csv/dashboard-columns";
import { fetchDashboard, kpisQueryKey, kpisUrl } from "@/lib/queries/dashboard-views/dashboard-queries";
import type { KpisView } from "@/lib/queries/dashboard-views/kpis-view";
import { KpiTable } from "./kpi-table";

// The seven KPIs executives track, for the filters in the URL, against the period before.
export function KpisDashboard({ sites, workflows }: Pick<DashboardFilterBarProps, "sites" | "workflows">) {
  const params = useDashboardParams();
  const query = useQuery({
    queryKey: kpisQueryKey(params),
    queryFn: () => fetchDashboard<KpisView>(kpisUrl(params)),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-xl font-semibold tracking-tight">KPIs</h1>
      <DashboardFilterBar sites={sites} workflows={workflows} shallow />
      <QueryCard
        query={query}
        title="Key performance indicators"
        description="Current period against the previous period of the same length"
        skeleton={<CardBodySkeleton height="h-72" />}
        actions={query.data ? <ExportCsvButton onClick={() => downloadCsv(csvFilename("kpis", new Date()), KPI_CSV_COLUMNS, query.data.kpis)} /> : null}
      >
        {(d) => <KpiTable kpis={d.kpis} />}
      </QueryCard>
    </div>
  );
}
