import Link from "next/link";
import type { ReactNode } from "react";
import { Sparkline } from "@/components/charts/sparkline";
import { ChangeIndicator } from "@/components/dashboard/change-indicator";
import { MoneyList } from "@/components/dashboard/money-list";
import { humanize } from "@/components/ui/format";
import type { ChartWindow } from "@/lib/charts/buckets";
import { formatDuration } from "@/lib/format/duration";
import { formatCount, formatRate } from "@/lib/format/figures";
import type { OverviewCardView } from "@/lib/queries/dashboard-views/load-overview";

// One workflow at a glance: how much ran, how much failed, how long it took, what is stuck
// now and what that blocks. The whole title links to the workflow's detail.
export function WorkflowCard({ card, window, href }: { card: OverviewCardView; window: ChartWindow; href: string }) {
  const id = `workflow-${card.workflow}`;
  return (
    <article
      aria-labelledby={id}
      data-testid="workflow-card"
      data-workflow={card.workflow}
      className="flex min-w-0 flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4"
    >
      <header className="flex items-baseline justify-between gap-3">
        <h2 id={id} className="min-w-0 truncate text-sm font-semibold text-zinc-900">
          <Link href={href} className="hover:underline">
            {humanize(card.workflow)}
          </Link>
        </h2>
        <span className="shrink-0 text-xs text-zinc-500">SLA {card.slaMinutes} min</span>
      </header>
      <dl className="grid grid-cols-3 gap-x-3 gap-y-3">
        <Figure
          label="Throughput"
          value={formatCount(card.throughput)}
          change={
            <ChangeIndicator
              change={card.change.throughput}
              better="neither"
              previous={formatCount(card.previous.throughput)}
            />
          }
        />
        <Figure
          label="Failure rate"
          value={formatRate(card.failureRate)}
          change={
            <ChangeIndicator
              change={card.change.failureRate}
              better="lower"
              previous={formatRate(card.previous.failureRate)}
            />
          }
        />
        <Figure label="Stuck" value={formatCount(card.stuck)} alert={card.stuck > 0} />
        <Figure
          label="p50 latency"
          value={formatDuration(card.p50Ms)}
          change={
            <ChangeIndicator change={card.change.p50Ms} better="lower" previous={formatDuration(card.previous.p50Ms)} />
          }
        />
        <Figure
          label="p95 latency"
          value={formatDuration(card.p95Ms)}
          change={
            <ChangeIndicator change={card.change.p95Ms} better="lower" previous={formatDuration(card.previous.p95Ms)} />
          }
        />
        <Figure label="Value at risk" value={<MoneyList value={card.valueAtRisk} />} small />
      </dl>
      <Sparkline
        rows={card.sparkline.map((p) => ({ at: p.at, value: p.started }))}
        window={window}
        label={`${humanize(card.workflow)} transactions started per hour`}
      />
    </article>
  );
}

function Figure({
  label,
  value,
  change,
  alert = false,
  small = false,
}: {
  label: string;
  value: ReactNode;
  change?: ReactNode;
  alert?: boolean;
  small?: boolean;
}) {
  return (
    <div className="min-w-0" data-figure={label}>
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd
        className={`${small ? "text-sm" : "text-lg"} font-semibold tabular-nums ${alert ? "text-red-700" : "text-zinc-900"}`}
      >
        {value}
      </dd>
      {change ? <dd>{change}</dd> : null}
    </div>
  );
}
