import type { Layer } from "@/lib/domain/vocabulary";

// The same layer colours as the trace view's waterfall (Tailwind sky/violet/amber/emerald),
// so a colour means the same layer on every screen.
export const LAYER_COLORS: Record<Layer, string> = {
  source_api: "#0ea5e9",
  middleware: "#8b5cf6",
  broker: "#f59e0b",
  target_api: "#059669",
};

export const SERIES_COLOR = "#18181b";
export const SLA_COLOR = "#dc2626";
export const GRID_COLOR = "#e4e4e7";
