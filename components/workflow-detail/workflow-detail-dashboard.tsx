"use client";

import Link from "next/link";
import { FailuresByLayerChart } from "@/components/charts/failures-by-layer-chart";
import { LatencyPercentilesChart } from "@/components/charts/latency-percentiles-chart";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { useDashboardQuery, useExportHref } from "@/components/dashboard/use-dashboard-query";
import { DashboardFilterBar } from "@/components/filters/dashboard-filter-bar";
import { useDashboardParams } from "@/components/filters/use-dashboard-params";
import { ExportCsvLink } from "@/components/ui/export-csv-link";
import { humanize } from "@/components/ui/format";
import { QueryCard } from "@/components/ui/query-card";
import { fillBuckets } from "@/lib/charts/buckets";
import { unitWindow } from "@/lib/charts/shape-latency-percentiles";
import { serializeDashboardParams } from "@/lib/filters/dashboard-params";
import { formatDuration } from "@/lib/format/duration";
import { formatCount } from "@/lib/format/figures";
import type { WorkflowDetailView } from "@/lib/queries/dashboard-views/load-workflow-detail";
import { workflowDetailView } from "@/lib/react-query/dashboard-views";
import { ErrorSignatureTable } from "./error-signature-table";
import { StuckTransactionTable } from "./stuck-transaction-table";

// One workflow: is it within its SLA, how much runs and fails where, which errors, what is stuck.
export function WorkflowDetailDashboard({ workflow, sites }: { workflow: string; sites: readonly string[] }) {
  const params = useDashboardParams();
  const view = workflowDetailView(workflow);
  const query = useDashboardQuery<WorkflowDetailView>(view);
  const errorsExportHref = useExportHref(view, "errors");
  const stuckExportHref = useExportHref(view, "stuck");
  const per = query.data?.unit === "day" ? "day" : "hour";
  const sla = query.data ? `${query.data.slaMinutes} min` : "";
  // Sites with their own SLA, named so a manager of one of them reads the right figure.
  const siteSlas = (query.data?.siteSlas ?? []).map((s) => `${s.site}: ${s.slaMinutes} min`).join(", ");
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <Link href={`/${serializeDashboardParams(params)}`} className="text-xs text-blue-700 hover:underline">
          ← Overview
        </Link>
        <h1 className="text-xl font-semibold tracking-tight">{humanize(workflow)}</h1>
        {query.data ? (
          <p className="text-sm text-zinc-600">
            SLA {sla}
            {siteSlas ? ` (sites with their own SLA: ${siteSlas})` : ""}: a transaction without progress for longer is
            stuck.
          </p>
        ) : null}
      </div>
      <DashboardFilterBar sites={sites} shallow />
      <div className="grid gap-4 lg:grid-cols-2">
        <QueryCard
          query={query}
          title="End-to-end latency"
          description={`p50, p95 and p99 per ${per}, first event to success, against the SLA`}
          className="lg:col-span-2"
        >
          {(d) => (
            <LatencyPercentilesChart
              rows={d.latency.map((p) => ({ at: p.at, p50Ms: p.p50Ms, p95Ms: p.p95Ms, p99Ms: p.p99Ms }))}
              window={unitWindow(d.window, d.unit)}
              label={`${humanize(workflow)} end-to-end latency`}
              slaMs={d.slaMinutes * 60_000}
              slaLabel={`SLA ${d.slaMinutes} min`}
              formatValue={formatDuration}
            />
          )}
        </QueryCard>
        <QueryCard query={query} title="Throughput" description={`Transactions started per ${per}`}>
          {(d) => {
            const window = unitWindow(d.window, d.unit);
            const rows = fillBuckets(
              d.throughput.map((p) => ({ at: p.at, value: p.started })),
              window,
              0,
            ).map((p) => ({ at: new Date(p.t), value: p.value }));
            return (
              <TimeSeriesChart
                rows={rows}
                window={window}
                label="transactions started"
                formatValue={(v) => formatCount(Math.round(v))}
              />
            );
          }}
        </QueryCard>
        <QueryCard
          query={query}
          title="Failures by layer"
          description={`Transactions that failed at least once, per ${per}, by the layer of the latest failure`}
        >
          {(d) => (
            <FailuresByLayerChart rows={d.throughput} window={unitWindow(d.window, d.unit)} label="failures by layer" />
          )}
        </QueryCard>
        <QueryCard
          query={query}
          title="Top error signatures"
          description="The errors behind the failures, most affected transactions first"
          className="lg:col-span-2"
          isEmpty={(d) => d.topErrors.length === 0}
          empty={<p className="text-sm text-zinc-600">No failures in this window.</p>}
          actions={query.data && query.data.topErrors.length > 0 ? <ExportCsvLink href={errorsExportHref} /> : null}
        >
          {(d) => <ErrorSignatureTable workflow={workflow} signatures={d.topErrors} />}
        </QueryCard>
        <QueryCard
          query={query}
          title="Stuck transactions"
          description={`Not final and without progress for longer than the SLA${sla ? ` (${sla})` : ""}, oldest first`}
          className="lg:col-span-2"
          isEmpty={(d) => d.stuck.length === 0}
          empty={<p className="text-sm text-zinc-600">Nothing stuck: every open transaction moved within its SLA.</p>}
          actions={query.data && query.data.stuck.length > 0 ? <ExportCsvLink href={stuckExportHref} /> : null}
        >
          {(d) => (
            <StuckTransactionTable transactions={d.stuck} showValues={!d.valuesHidden} slaMinutes={d.slaMinutes} />
          )}
        </QueryCard>
      </div>
    </div>
  );
}
