"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { shapeLayerBars, type LayerCountRow } from "@/lib/charts/shape-layer-bars";
import { LAYER_LABELS } from "@/components/trace/layer-labels";
import { GRID_COLOR, LAYER_COLORS } from "./chart-colors";
import { ChartEmpty } from "./chart-empty";

export interface StackedLayerBarsProps {
  rows: readonly LayerCountRow[];
  // What the bars count, for screen readers: "failures by workflow and layer".
  label: string;
  height?: number;
}

// Counts split by the layer they happened in (failures per workflow: how many at the
// broker, how many at the ERP endpoint). One segment colour per layer, as in the trace.
export function StackedLayerBars({ rows, label, height = 240 }: StackedLayerBarsProps) {
  const data = shapeLayerBars(rows);
  if (data.isEmpty) return <ChartEmpty height={height} />;
  const summary = `${label}: ${data.bars.map((b) => `${b.key} ${b.total}`).join(", ")}`;
  return (
    <div role="img" aria-label={summary} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.bars} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID_COLOR} vertical={false} />
          <XAxis dataKey="key" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {data.layers.map((layer) => (
            <Bar key={layer} dataKey={layer} name={LAYER_LABELS[layer]} stackId="layers" fill={LAYER_COLORS[layer]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
