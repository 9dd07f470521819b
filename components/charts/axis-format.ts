// Axis ticks in UTC like every time on Crossdock: hours within a day, dates beyond.
export function formatTick(t: number, bucketMs: number): string {
  const iso = new Date(t).toISOString();
  return bucketMs < 6 * 3_600_000 ? iso.slice(11, 16) : `${iso.slice(5, 10)} ${iso.slice(11, 13)}h`;
}

// Durations on a y axis: one short unit, so a tick never wraps ("45 min", "2.5 h", "3 d").
export function formatDurationTick(ms: number): string {
  if (ms <= 0) return "0";
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Number((ms / 3_600_000).toFixed(1))} h`;
  return `${Number((ms / 86_400_000).toFixed(1))} d`;
}
