// How much traffic there is: flows started per minute from a rate (transactions per
// second, averaged over a week) shaped by the business day and the week. Used by the
// 7-day backfill (rhythm on) and by live traffic (usually flat).
import { DAY, HOUR, localWeekday, MINUTE, minuteStart, msOfLocalDay } from "./clock";
import { TRANSACTIONS_PER_FLOW } from "./flow-mix";
import { mix, unit } from "./random";

// Relative activity at each business hour (value at the middle of the hour): quiet
// nights, a morning ramp, a lunch dip, an evening tail.
const HOURLY = [
  0.12, 0.1, 0.1, 0.1, 0.12, 0.2, 0.4, 0.72, 0.95, 1, 1, 0.98, 0.82, 0.95, 1, 0.97, 0.9, 0.75, 0.58, 0.45, 0.36, 0.28,
  0.2, 0.15,
];
// Sunday .. Saturday: warehouses run a reduced weekend shift.
const WEEKDAY = [0.25, 1, 1, 1, 1, 0.95, 0.4];

function rawShape(t: number): number {
  const h = msOfLocalDay(t) / HOUR - 0.5; // interpolate between hour midpoints
  const i = Math.floor(h);
  const f = h - i;
  const a = HOURLY[(i + 24) % 24]!;
  const b = HOURLY[(i + 25) % 24]!;
  return (a + (b - a) * f) * WEEKDAY[localWeekday(t)]!;
}

// Normalised so the weekly mean is 1: `rate * rhythmAt(t)` is the rate at t.
const WEEK_MEAN = (() => {
  let sum = 0;
  const steps = (7 * DAY) / (10 * MINUTE);
  for (let i = 0; i < steps; i++) sum += rawShape(i * 10 * MINUTE);
  return sum / steps;
})();

export function rhythmAt(t: number): number {
  return rawShape(t) / WEEK_MEAN;
}

export interface RateSpec {
  // transactions per second; with rhythm, the mean over a week
  ratePerSecond: number;
  rhythm: boolean;
}

// Most flows one minute may start; the rest of the 10,000 serials of a minute belong to
// scheduled flows (snapshots, scenario markers).
export const MAX_FLOWS_PER_MINUTE = 9000;

// Flows starting in a minute: the expected number, rounded up or down by a keyed draw,
// so any two runs (and history vs live) agree on every minute they share.
export function flowsInMinute(minute: number, rate: RateSpec, seedH: number): number {
  const t = minuteStart(minute) + MINUTE / 2;
  const expected = (rate.ratePerSecond * 60 * (rate.rhythm ? rhythmAt(t) : 1)) / TRANSACTIONS_PER_FLOW;
  const whole = Math.floor(expected);
  const n = whole + (unit(mix(mix(seedH, 0x5c4ed), minute)) < expected - whole ? 1 : 0);
  if (n > MAX_FLOWS_PER_MINUTE)
    throw new Error(
      `sim: ${rate.ratePerSecond} transactions/s is more than the simulator can number (${MAX_FLOWS_PER_MINUTE} flows per minute)`,
    );
  return n;
}
