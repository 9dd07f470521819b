import { LAYERS, type Layer } from "@/lib/domain/vocabulary";

export interface LayerCountRow {
  // What a bar stands for: a time bucket label, a workflow, a site.
  key: string;
  layer: string;
  count: number;
}

export type LayerBar = { key: string; total: number } & Record<Layer, number>;

export interface LayerBarsData {
  bars: LayerBar[];
  // Only the layers that occur, in crossing order, so the legend lists no empty series.
  layers: Layer[];
  isEmpty: boolean;
}

// Rows of (key, layer, count) -> one stacked bar per key with a segment per layer, keys in
// the order they first appear (the query decides: by time, or by size). Unknown layers are dropped.
export function shapeLayerBars(rows: readonly LayerCountRow[]): LayerBarsData {
  const bars = new Map<string, LayerBar>();
  const seen = new Set<Layer>();
  for (const r of rows) {
    if (!(LAYERS as readonly string[]).includes(r.layer) || r.count <= 0) continue;
    const layer = r.layer as Layer;
    let bar = bars.get(r.key);
    if (!bar) {
      bar = { key: r.key, total: 0, source_api: 0, middleware: 0, broker: 0, target_api: 0 };
      bars.set(r.key, bar);
    }
    bar[layer] += r.count;
    bar.total += r.count;
    seen.add(layer);
  }
  return { bars: [...bars.values()], layers: LAYERS.filter((l) => seen.has(l)), isEmpty: bars.size === 0 };
}
