// Shipment-to-invoice cycle time per day (p50 and p95) as chart points: one point per UTC
// day of the window, a gap (null) on days without a posted invoice - no invoices is not
// a cycle time of zero.

export interface CycleTimeDayInput {
  day: string | Date; // UTC midnight
  invoices: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface CycleTimePoint {
  t: number;
  invoices: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface CycleTimeData {
  points: CycleTimePoint[];
  isEmpty: boolean;
}

const DAY = 86_400_000;
const MAX_DAYS = 400;

export function shapeCycleTime(days: readonly CycleTimeDayInput[], from: Date, to: Date): CycleTimeData {
  const byDay = new Map(days.map((d) => [Math.floor(new Date(d.day).getTime() / DAY) * DAY, d]));
  const first = Math.floor(from.getTime() / DAY) * DAY;
  const last = Math.min(Math.floor(to.getTime() / DAY) * DAY, first + (MAX_DAYS - 1) * DAY);
  const points: CycleTimePoint[] = [];
  for (let t = first; t <= last; t += DAY) {
    const d = byDay.get(t);
    points.push({ t, invoices: d?.invoices ?? 0, p50Ms: d?.p50Ms ?? null, p95Ms: d?.p95Ms ?? null });
  }
  return { points, isEmpty: points.every((p) => p.p50Ms === null && p.p95Ms === null) };
}
