import { type BucketValue, type ChartPoint, type ChartWindow, fillBuckets } from "./buckets";

export interface TimeSeriesData {
  points: ChartPoint[];
  // Upper end of the y axis: the highest value or the SLA, whichever is higher, so the SLA line is always on the chart.
  yMax: number;
  slaMs: number | null;
  bucketsOverSla: number;
  isEmpty: boolean;
}

// A measure over time against its SLA (order release latency p95, shipment-to-invoice
// cycle time). Buckets without data are gaps, not zeros: zero latency would be a lie.
export function shapeTimeSeries(
  rows: readonly BucketValue[],
  window: ChartWindow,
  slaMs: number | null = null,
): TimeSeriesData {
  const points = fillBuckets(rows, window, null);
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const top = Math.max(0, ...values, slaMs ?? 0);
  return {
    points,
    // 10% headroom, so the highest point and the SLA label do not sit on the frame.
    yMax: top === 0 ? 1 : top * 1.1,
    slaMs,
    bucketsOverSla: slaMs === null ? 0 : values.filter((v) => v > slaMs).length,
    isEmpty: values.length === 0,
  };
}
