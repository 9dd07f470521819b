import type { Layer } from "@/lib/domain/vocabulary";

// The layers as an engineer says them; the system at each end is added where known.
export const LAYER_LABELS: Record<Layer, string> = {
  source_api: "Source API",
  middleware: "Middleware transformation",
  broker: "Message broker",
  target_api: "Target endpoint",
};

export function layerLabel(layer: string): string {
  return (LAYER_LABELS as Record<string, string>)[layer] ?? layer;
}

// Bars take the layer's colour, so the eye follows a message across the lanes.
export const LAYER_BAR: Record<Layer, string> = {
  source_api: "bg-sky-500",
  middleware: "bg-violet-500",
  broker: "bg-amber-500",
  target_api: "bg-emerald-600",
};

export function layerBar(layer: string): string {
  return (LAYER_BAR as Record<string, string>)[layer] ?? "bg-zinc-400";
}
