// Durations on an axis: one short unit per tick ("450 ms", "12 s", "35 min", "4.6 h",
// "2.5 d"), so a tick never wraps; the tooltip carries the exact figure.
export function formatDurationTick(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, "d"],
    [3_600_000, "h"],
    [60_000, "min"],
    [1000, "s"],
  ];
  for (const [size, unit] of units) {
    // Switch to the larger unit above 1.5 of it (90 min, not 1.5 h; 2 h, not 120 min).
    if (unit === "s" ? Math.abs(ms) >= size : Math.abs(ms) > size * 1.5)
      return `${Number((ms / size).toFixed(ms / size < 10 ? 1 : 0))} ${unit}`;
  }
  return `${Math.round(ms)} ms`;
}
