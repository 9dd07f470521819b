import { LAYERS, type Layer } from "@/lib/domain/vocabulary";
import { bucketStart, type ChartWindow } from "./buckets";

export interface FailuresByLayerRow {
  at: string | Date;
  failedByLayer: Record<Layer, number>;
}

export type FailuresByLayerPoint = { t: number; total: number } & Record<Layer, number>;

export interface FailuresByLayerData {
  points: FailuresByLayerPoint[];
  // Only layers that failed in the window, in crossing order: the legend lists no empty series.
  layers: Layer[];
  total: number;
  isEmpty: boolean;
}

// Failures per time bucket stacked by the layer they happened in. Every bucket of the
// window is a bar (zeros included), so quiet hours show as quiet instead of disappearing.
export function shapeFailuresByLayer(rows: readonly FailuresByLayerRow[], window: ChartWindow): FailuresByLayerData {
  const first = bucketStart(window.from.getTime(), window.bucketMs);
  const last = bucketStart(window.to.getTime(), window.bucketMs);
  const byBucket = new Map<number, FailuresByLayerPoint>();
  for (let t = first; t <= last; t += window.bucketMs)
    byBucket.set(t, { t, total: 0, source_api: 0, middleware: 0, broker: 0, target_api: 0 });
  const seen = new Set<Layer>();
  for (const r of rows) {
    const point = byBucket.get(bucketStart(new Date(r.at).getTime(), window.bucketMs));
    if (!point) continue;
    for (const layer of LAYERS) {
      const n = r.failedByLayer[layer] ?? 0;
      if (n <= 0) continue;
      point[layer] += n;
      point.total += n;
      seen.add(layer);
    }
  }
  const points = [...byBucket.values()];
  const total = points.reduce((n, p) => n + p.total, 0);
  return { points, layers: LAYERS.filter((l) => seen.has(l)), total, isEmpty: total === 0 };
}
