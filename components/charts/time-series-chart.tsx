"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BucketValue, ChartWindow } from "@/lib/charts/buckets";
import { shapeTimeSeries } from "@/lib/charts/shape-time-series";
import { formatTick } from "./axis-format";
import { GRID_COLOR, SERIES_COLOR, SLA_COLOR } from "./chart-colors";
import { ChartEmpty } from "./chart-empty";

export interface TimeSeriesChartProps {
  rows: readonly BucketValue[];
  window: ChartWindow;
  // The series name in the tooltip and for screen readers: "p95 order release latency".
  label: string;
  // Drawn as a red reference line; the y axis always reaches it.
  slaMs?: number | null;
  formatValue?: (value: number) => string;
  height?: number;
}

// A measure over time with its SLA. Gaps where there was no data (connectNulls off).
export function TimeSeriesChart({
  rows,
  window,
  label,
  slaMs = null,
  formatValue = String,
  height = 220,
}: TimeSeriesChartProps) {
  const data = shapeTimeSeries(rows, window, slaMs);
  if (data.isEmpty) return <ChartEmpty height={height} />;
  const summary =
    slaMs === null
      ? label
      : `${label}; ${data.bucketsOverSla} interval${data.bucketsOverSla === 1 ? "" : "s"} over the SLA of ${formatValue(slaMs)}`;
  return (
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
          <YAxis
            domain={[0, data.yMax]}
            tickFormatter={(v: number) => formatValue(v)}
            tick={{ fontSize: 11 }}
            width={64}
          />
          <Tooltip
            labelFormatter={(t) => `${new Date(Number(t)).toISOString().replace("T", " ").slice(0, 16)} UTC`}
            formatter={(v) => [formatValue(Number(v)), label]}
          />
          {slaMs !== null ? (
            <ReferenceLine
              y={slaMs}
              stroke={SLA_COLOR}
              strokeDasharray="4 3"
              label={{ value: "SLA", position: "insideTopRight", fill: SLA_COLOR, fontSize: 11 }}
            />
          ) : null}
          <Line
            type="monotone"
            dataKey="value"
            stroke={SERIES_COLOR}
            strokeWidth={1.75}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
