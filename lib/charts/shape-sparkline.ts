import { type BucketValue, type ChartWindow, fillBuckets } from "./buckets";

export interface SparklineData {
  points: { t: number; value: number }[];
  total: number;
  latest: number;
  isEmpty: boolean;
}

// A count over time in a card's corner (failures per hour, stuck per hour): quiet
// buckets are zeros, and a window with no activity at all is "empty", not a flat line.
export function shapeSparkline(rows: readonly BucketValue[], window: ChartWindow): SparklineData {
  const points = fillBuckets(rows, window, 0).map((p) => ({ t: p.t, value: p.value ?? 0 }));
  const total = points.reduce((sum, p) => sum + p.value, 0);
  return { points, total, latest: points.at(-1)?.value ?? 0, isEmpty: points.every((p) => p.value === 0) };
}
