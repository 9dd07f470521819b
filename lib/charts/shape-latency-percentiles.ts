import { type ChartWindow, fillBuckets } from "./buckets";

export interface LatencyPercentileRow {
  at: string | Date;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface LatencyPercentilePoint {
  t: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface LatencyPercentilesData {
  points: LatencyPercentilePoint[];
  // The highest p99 or the SLA, whichever is higher, with headroom: the SLA line is always on the chart.
  yMax: number;
  // Buckets whose p95 is over the SLA: what the chart's summary says.
  bucketsOverSla: number;
  isEmpty: boolean;
}

// Percentile lines over time against the SLA. Buckets without transactions are gaps:
// a latency of zero would be a lie.
export function shapeLatencyPercentiles(
  rows: readonly LatencyPercentileRow[],
  window: ChartWindow,
  slaMs: number | null,
): LatencyPercentilesData {
  const series = (pick: (r: LatencyPercentileRow) => number | null) =>
    fillBuckets(
      rows.map((r) => ({ at: r.at, value: pick(r) })),
      window,
      null,
    );
  const p50 = series((r) => r.p50Ms);
  const p95 = series((r) => r.p95Ms);
  const p99 = series((r) => r.p99Ms);
  const points = p50.map((p, i) => ({ t: p.t, p50: p.value, p95: p95[i]!.value, p99: p99[i]!.value }));
  const values = points.flatMap((p) => [p.p50, p.p95, p.p99]).filter((v): v is number => v !== null);
  const top = Math.max(0, ...values, slaMs ?? 0);
  return {
    points,
    yMax: top === 0 ? 1 : top * 1.1,
    bucketsOverSla: slaMs === null ? 0 : points.filter((p) => p.p95 !== null && p.p95 > slaMs).length,
    isEmpty: values.length === 0,
  };
}

// A series unit as a chart window: `to` is exclusive, so the bucket starting at `to` is not drawn.
export function unitWindow(window: { from: string | Date; to: string | Date }, unit: "hour" | "day"): ChartWindow {
  return {
    from: new Date(window.from),
    to: new Date(new Date(window.to).getTime() - 1),
    bucketMs: unit === "hour" ? 3_600_000 : 86_400_000,
  };
}
