"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartWindow } from "@/lib/charts/buckets";
import { type LatencyPercentileRow, shapeLatencyPercentiles } from "@/lib/charts/shape-latency-percentiles";
import { formatTick } from "./axis-format";
import { GRID_COLOR, SLA_COLOR } from "./chart-colors";
import { ChartEmpty } from "./chart-empty";
import { formatDurationTick } from "./duration-tick";

export interface LatencyPercentilesChartProps {
  rows: readonly LatencyPercentileRow[];
  window: ChartWindow;
  // What is measured, for screen readers: "shipment_confirmation end-to-end latency".
  label: string;
  slaMs: number | null;
  formatValue: (ms: number) => string;
  // How the SLA is said in the legend ("SLA 20 min"); by default formatValue of slaMs.
  slaLabel?: string;
  height?: number;
}

// Darker is rarer: the median in a light grey, the tail in black, so the eye goes to the tail.
const PERCENTILES = [
  { key: "p50", name: "p50", color: "#a1a1aa" },
  { key: "p95", name: "p95", color: "#52525b" },
  { key: "p99", name: "p99", color: "#18181b" },
] as const;

// p50/p95/p99 over time with the SLA as a dashed red reference line that is always in view.
export function LatencyPercentilesChart({
  rows,
  window,
  label,
  slaMs,
  formatValue,
  slaLabel,
  height = 240,
}: LatencyPercentilesChartProps) {
  const data = shapeLatencyPercentiles(rows, window, slaMs);
  if (data.isEmpty) return <ChartEmpty height={height} message="No completed transactions in this window" />;
  const summary =
    slaMs === null
      ? `${label}: p50, p95 and p99`
      : `${label}: p50, p95 and p99; p95 over the SLA of ${formatValue(slaMs)} in ${data.bucketsOverSla} interval${data.bucketsOverSla === 1 ? "" : "s"}`;
  return (
    <figure className="flex flex-col gap-2" data-testid="latency-chart">
      <div role="img" aria-label={summary} style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data.points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={GRID_COLOR} vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={["dataMin", "dataMax"]}
              tickFormatter={(t: number) => formatTick(t, window.bucketMs)}
              tick={{ fontSize: 11 }}
              minTickGap={24}
            />
            <YAxis domain={[0, data.yMax]} tickFormatter={formatDurationTick} tick={{ fontSize: 11 }} width={56} />
            <Tooltip
              labelFormatter={(t) => `${new Date(Number(t)).toISOString().replace("T", " ").slice(0, 16)} UTC`}
              formatter={(v, name) => [formatValue(Number(v)), name]}
            />
            {slaMs !== null ? (
              <ReferenceLine
                y={slaMs}
                stroke={SLA_COLOR}
                strokeDasharray="4 3"
                label={{ value: "SLA", position: "insideTopRight", fill: SLA_COLOR, fontSize: 11 }}
              />
            ) : null}
            {PERCENTILES.map((p) => (
              <Line
                key={p.key}
                type="monotone"
                dataKey={p.key}
                name={p.name}
                stroke={p.color}
                strokeWidth={p.key === "p50" ? 1.5 : 1.75}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      {/* An HTML legend: the SLA is a reference line, which the chart library's legend does not list. */}
      <figcaption
        className="flex flex-wrap items-center justify-center gap-4 text-xs text-zinc-600"
        data-testid="latency-legend"
      >
        {PERCENTILES.map((p) => (
          <span key={p.key} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block h-0.5 w-4" style={{ backgroundColor: p.color }} />
            {p.name}
          </span>
        ))}
        {slaMs !== null ? (
          <span className="inline-flex items-center gap-1.5">
            <span
              aria-hidden="true"
              className="inline-block w-4 border-t-2 border-dashed"
              style={{ borderColor: SLA_COLOR }}
            />
            {slaLabel ?? `SLA ${formatValue(slaMs)}`}
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}
