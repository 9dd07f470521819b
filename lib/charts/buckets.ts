// Chart data comes from rollups as (bucket start, value) rows with holes where nothing
// happened. Charts need every bucket of the window, so a quiet hour shows as a zero (or
// a gap, for measures like latency where "nothing" is not zero).

export interface ChartWindow {
  from: Date;
  to: Date;
  bucketMs: number;
}

export interface BucketValue {
  at: string | Date;
  value: number | null;
}

export interface ChartPoint {
  t: number; // bucket start, epoch ms
  value: number | null;
}

export function bucketStart(at: number, bucketMs: number): number {
  return Math.floor(at / bucketMs) * bucketMs;
}

// Every bucket from the one holding `from` up to the one holding `to`; rows outside the
// window are dropped, rows in the same bucket are added up.
export function fillBuckets(rows: readonly BucketValue[], window: ChartWindow, missing: 0 | null): ChartPoint[] {
  const first = bucketStart(window.from.getTime(), window.bucketMs);
  const last = bucketStart(window.to.getTime(), window.bucketMs);
  const sums = new Map<number, number>();
  for (const r of rows) {
    if (r.value === null) continue;
    const t = bucketStart(new Date(r.at).getTime(), window.bucketMs);
    if (t < first || t > last) continue;
    sums.set(t, (sums.get(t) ?? 0) + r.value);
  }
  const points: ChartPoint[] = [];
  for (let t = first; t <= last; t += window.bucketMs) points.push({ t, value: sums.get(t) ?? missing });
  return points;
}
