// Axis ticks in UTC like every time on Crossdock: hours within a day, dates beyond.
export function formatTick(t: number, bucketMs: number): string {
  const iso = new Date(t).toISOString();
  return bucketMs < 6 * 3_600_000 ? iso.slice(11, 16) : `${iso.slice(5, 10)} ${iso.slice(11, 13)}h`;
}
