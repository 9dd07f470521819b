"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { LAYER_LABELS } from "@/components/trace/layer-labels";
import type { ChartWindow } from "@/lib/charts/buckets";
import { type FailuresByLayerRow, shapeFailuresByLayer } from "@/lib/charts/shape-failures-by-layer";
import { formatTick } from "./axis-format";
import { GRID_COLOR, LAYER_COLORS } from "./chart-colors";
import { ChartEmpty } from "./chart-empty";

export interface FailuresByLayerChartProps {
  rows: readonly FailuresByLayerRow[];
  window: ChartWindow;
  label: string;
  height?: number;
}

// Failures over time, each bar split by the layer the failure happened in (same layer
// colours as the trace), so a broker storm and an ERP outage look different at a glance.
export function FailuresByLayerChart({ rows, window, label, height = 220 }: FailuresByLayerChartProps) {
  const data = shapeFailuresByLayer(rows, window);
  if (data.isEmpty) return <ChartEmpty height={height} message="No failures in this window" />;
  const summary = `${label}: ${data.total} in this window, ${data.layers.map((l) => `${LAYER_LABELS[l]} ${data.points.reduce((n, p) => n + p[l], 0)}`).join(", ")}`;
  return (
    <div role="img" aria-label={summary} style={{ height }} data-testid="failures-by-layer-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID_COLOR} vertical={false} />
          <XAxis
            dataKey="t"
            tickFormatter={(t: number) => formatTick(t, window.bucketMs)}
            tick={{ fontSize: 11 }}
            minTickGap={24}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
          <Tooltip labelFormatter={(t) => `${new Date(Number(t)).toISOString().replace("T", " ").slice(0, 16)} UTC`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {data.layers.map((layer) => (
            <Bar
              key={layer}
              dataKey={layer}
              name={LAYER_LABELS[layer]}
              stackId="layers"
              fill={LAYER_COLORS[layer]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
