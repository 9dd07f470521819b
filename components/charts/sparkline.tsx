"use client";

import { Area, AreaChart, ResponsiveContainer } from "recharts";
import type { BucketValue, ChartWindow } from "@/lib/charts/buckets";
import { shapeSparkline } from "@/lib/charts/shape-sparkline";
import { SERIES_COLOR } from "./chart-colors";
import { ChartEmpty } from "./chart-empty";

export interface SparklineProps {
  rows: readonly BucketValue[];
  window: ChartWindow;
  // What the line counts, for screen readers: "failures per hour".
  label: string;
  height?: number;
  color?: string;
}

// A small trend beside a headline figure. No axes: the card's figure carries the number.
export function Sparkline({ rows, window, label, height = 40, color = SERIES_COLOR }: SparklineProps) {
  const data = shapeSparkline(rows, window);
  if (data.isEmpty) return <ChartEmpty height={height} message="None in this window" />;
  return (
    <div
      role="img"
      aria-label={`${label}: ${data.total} in this window, ${data.latest} in the latest interval`}
      style={{ height }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data.points} margin={{ top: 2, right: 0, bottom: 2, left: 0 }}>
          <Area
            type="monotone"
            dataKey="value"
            stroke={color}
            fill={color}
            fillOpacity={0.12}
            strokeWidth={1.5}
            isAnimationActive={false}
            dot={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
