import type { KpiFigure } from "@/lib/domain/dashboard/kpis";
import type { Serialized } from "@/lib/queries/dashboard-views/serialized";
import { formatDuration } from "./duration";

// Headline figures as the dashboards print them. "—" means no data, never zero.

// 0.0412 -> "4.1%", 0 -> "0%", null -> "—"
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  const pct = rate * 100;
  if (pct === 0) return "0%";
  if (pct < 0.1) return "<0.1%";
  return `${Number(pct.toFixed(pct < 10 ? 1 : 0))}%`;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}

// A KPI's current value in one line: "p50 4 min 2 s · p95 12 min" or "4.1% (14 of 340)".
export function formatKpiFigure(figure: Serialized<KpiFigure>): string {
  if (figure.kind === "duration") {
    if (figure.count === 0) return "—";
    return `p50 ${formatDuration(figure.p50Ms)} · p95 ${formatDuration(figure.p95Ms)}`;
  }
  if (figure.value === null) return "—";
  const first =
    figure.firstAttemptValue !== undefined ? ` · first attempt ${formatRate(figure.firstAttemptValue)}` : "";
  return `${formatRate(figure.value)}${first}`;
}

// What the figure was computed from: "340 transactions", "14 of 340".
export function formatKpiBasis(figure: Serialized<KpiFigure>): string {
  return figure.kind === "duration"
    ? `${formatCount(figure.count)} measured`
    : `${formatCount(figure.numerator)} of ${formatCount(figure.denominator)}`;
}
