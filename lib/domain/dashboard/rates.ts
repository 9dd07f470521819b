// Shares and period-over-period changes, with "no data" kept apart from zero.

// part / whole, or null when there is nothing to divide by (a rate of an empty period is
// unknown, not 0%).
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export interface Change {
  current: number | null;
  previous: number | null;
  // current - previous (null if either is unknown)
  delta: number | null;
  // delta / previous (null if either is unknown or previous is 0)
  relative: number | null;
}

export function change(current: number | null, previous: number | null): Change {
  const delta = current !== null && previous !== null ? current - previous : null;
  return { current, previous, delta, relative: delta !== null && previous ? delta / previous : null };
}

// The period just before [from, to), of the same length: what "change vs previous period" compares with.
export function previousPeriod(from: Date, to: Date): { from: Date; to: Date } {
  const length = to.getTime() - from.getTime();
  return { from: new Date(from.getTime() - length), to: new Date(from) };
}
