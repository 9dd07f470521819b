"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { type CycleTimeDayInput, shapeCycleTime } from "@/lib/charts/shape-cycle-time";
import { formatDuration } from "@/lib/format/duration";
import { formatDurationTick } from "./axis-format";
import { GRID_COLOR, SERIES_COLOR, SLA_COLOR } from "./chart-colors";
import { ChartEmpty } from "./chart-empty";

const P50_COLOR = "#2563eb";

export interface CycleTimeChartProps {
  days: readonly CycleTimeDayInput[];
  from: Date;
  to: Date;
  slaMs: number | null;
  height?: number;
}

// Shipment-to-invoice cycle time per day: the typical load (p50) and the slow ones (p95)
// against the invoicing SLA. Dots, because a short range has only a day or two.
export function CycleTimeChart({ days, from, to, slaMs, height = 220 }: CycleTimeChartProps) {
  const data = shapeCycleTime(days, from, to);
  if (data.isEmpty) return <ChartEmpty height={height} message="No invoices posted in this window" />;
  const latest = [...data.points].reverse().find((p) => p.p50Ms !== null);
  const summary = `Shipment-to-invoice cycle time per day${latest ? `; latest day p50 ${formatDuration(latest.p50Ms)}, p95 ${formatDuration(latest.p95Ms)}` : ""}`;
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
            padding={{ left: 16, right: 16 }}
            tickFormatter={(t: number) => new Date(t).toISOString().slice(5, 10)}
            tick={{ fontSize: 11 }}
            minTickGap={24}
          />
          <YAxis domain={[0, "auto"]} tickFormatter={formatDurationTick} tick={{ fontSize: 11 }} width={52} />
          <Tooltip
            labelFormatter={(t) => `${new Date(Number(t)).toISOString().slice(0, 10)} (UTC)`}
            formatter={(v, name) => [formatDuration(Number(v)), name]}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {slaMs !== null ? (
            <ReferenceLine
              y={slaMs}
              ifOverflow="extendDomain"
              stroke={SLA_COLOR}
              strokeDasharray="4 3"
              label={{ value: "SLA", position: "insideTopRight", fill: SLA_COLOR, fontSize: 11 }}
            />
          ) : null}
          <Line
            name="p50"
            type="monotone"
            dataKey="p50Ms"
            stroke={P50_COLOR}
            strokeWidth={1.75}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            name="p95"
            type="monotone"
            dataKey="p95Ms"
            stroke={SERIES_COLOR}
            strokeWidth={1.75}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
