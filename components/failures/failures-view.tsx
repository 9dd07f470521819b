"use client";

import { DashboardViewHeader } from "@/components/dashboard/dashboard-view-header";
import { useDashboardQuery, useExportHref } from "@/components/dashboard/use-dashboard-query";
import { EmptyState } from "@/components/ui/empty-state";
import { ExportCsvLink } from "@/components/ui/export-csv-link";
import { QueryCard } from "@/components/ui/query-card";
import { CardBodySkeleton } from "@/components/ui/skeleton";
import type { FailureSignaturesView } from "@/lib/queries/dashboard-views/load-failure-signatures";
import type { Catalogue } from "@/lib/queries/list-catalogue";
import { FAILURES_VIEW } from "@/lib/react-query/dashboard-views";
import { FailureIssuesCard } from "./failure-issues-card";
import { FailureSignatureTable } from "./failure-signature-table";
import { FailuresByLayer } from "./failures-by-layer";

const HOUR = 3_600_000;

// The window's end is exclusive (whole hours): the sparklines end at the bucket before it.
function seriesWindow(d: FailureSignaturesView) {
  return {
    from: new Date(d.window.from),
    to: new Date(Date.parse(d.window.to) - 1),
    bucketMs: d.unit === "day" ? 24 * HOUR : HOUR,
  };
}

// Failures for platform engineers: which errors, in which layer and against which target,
// how many transactions over time, and the transactions behind each.
export function FailuresView({ catalogue }: { catalogue: Catalogue }) {
  const query = useDashboardQuery<FailureSignaturesView>(FAILURES_VIEW);
  const exportHref = useExportHref(FAILURES_VIEW);
  const none = (
    <EmptyState compact title="No failures" description="No transaction started in these filters has failed." />
  );
  return (
    <div className="flex flex-col gap-5">
      <DashboardViewHeader
        title="Failures"
        question="Failed transactions grouped by error signature, with the layer they fail in (source API, middleware, broker or target endpoint), their count over time and the value affected."
        catalogue={catalogue}
      />
      <FailureIssuesCard />
      <QueryCard
        title="Failures by layer and target"
        description="Transactions started in the time range, under their latest failure"
        query={query}
        skeleton={<CardBodySkeleton height="h-16" />}
        isEmpty={(d) => d.byLayerAndTarget.length === 0}
        empty={none}
      >
        {(d) => <FailuresByLayer groups={d.byLayerAndTarget} />}
      </QueryCard>
      <QueryCard
        title="Error signatures"
        description={
          query.data
            ? `Top ${query.data.signatures.length} by transactions affected; counts per ${query.data.unit}, UTC`
            : "Top signatures by transactions affected"
        }
        query={query}
        actions={<ExportCsvLink href={exportHref} />}
        isEmpty={(d) => d.signatures.length === 0}
        empty={none}
      >
        {(d) => (
          <FailureSignatureTable signatures={d.signatures} window={seriesWindow(d)} valuesVisible={d.valuesVisible} />
        )}
      </QueryCard>
    </div>
  );
}
