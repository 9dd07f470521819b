import type { Change } from "@/lib/domain/dashboard/rates";

// How a figure moved against the previous period, and whether that is good news: a
// failure rate going up is bad, inventory accuracy going up is good, throughput is neither.

export type Better = "lower" | "higher" | "neither";

export interface ChangeDescription {
  direction: "up" | "down" | "flat" | "unknown";
  tone: "good" | "bad" | "neutral";
  // "+12%", "-3.4%", "0%", "new" (from zero), "—" (no comparison)
  text: string;
}

// Below half a percent is noise on a dashboard: shown as flat.
const FLAT = 0.005;

export function describeChange(change: Change, better: Better): ChangeDescription {
  if (change.delta === null) return { direction: "unknown", tone: "neutral", text: "—" };
  if (change.relative === null) {
    // previous was 0: a relative change has no meaning, but "from nothing" does
    if (change.delta === 0) return { direction: "flat", tone: "neutral", text: "0%" };
    const direction = change.delta > 0 ? "up" : "down";
    return { direction, tone: toneOf(direction, better), text: "new" };
  }
  if (Math.abs(change.relative) < FLAT) return { direction: "flat", tone: "neutral", text: "0%" };
  const direction = change.relative > 0 ? "up" : "down";
  return { direction, tone: toneOf(direction, better), text: formatSignedPercent(change.relative) };
}

function toneOf(direction: "up" | "down", better: Better): ChangeDescription["tone"] {
  if (better === "neither") return "neutral";
  return (direction === "up") === (better === "higher") ? "good" : "bad";
}

// 0.1234 -> "+12%", 0.0345 -> "+3.5%", -2.5 -> "-250%": one decimal only where it matters.
export function formatSignedPercent(relative: number): string {
  const pct = relative * 100;
  const digits = Math.abs(pct) < 10 ? 1 : 0;
  const text = Math.abs(pct).toFixed(digits).replace(/\.0$/, "");
  return `${pct > 0 ? "+" : "-"}${text}%`;
}
