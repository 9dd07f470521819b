import { describe, expect, it } from "vitest";
import { nativeEventSchema } from "@/lib/ingest/native-event";
import { estimateHistoryTransactions, generateHistory } from "@/sim/generate";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = -5 * HOUR; // business time
// Thursday 2026-03-12, 12:00 business time; the week before it.
const to = Date.parse("2026-03-12T17:00:00Z");
const from = to - 7 * DAY;
const localHour = (t: number) => Math.floor(((((t + OFFSET) % DAY) + DAY) % DAY) / HOUR);
const localDay = (t: number) => Math.floor((t + OFFSET) / DAY);
const weekday = (t: number) => (localDay(t) + 4) % 7; // 0 = Sunday

describe("the 7-day backfill", () => {
  it("has at least 300,000 transactions with a daily and weekly rhythm and past incidents, generated in seconds", () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const transactions = new Set<string>();
    const perLocalHour = new Array<number>(24).fill(0);
    const perDay = new Map<number, number>();
    const errorTimes = new Map<string, number[]>();
    let events = 0;
    let invalid = 0;
    for (const batch of generateHistory({ from, to })) {
      for (const e of batch) {
        events++;
        if (events % 997 === 0 && !nativeEventSchema.safeParse(e).success) invalid++;
        if (e.error) {
          const times = errorTimes.get(e.error.code) ?? [];
          times.push(Date.parse(e.occurredAt));
          errorTimes.set(e.error.code, times);
        }
        if (transactions.has(e.transactionId)) continue;
        transactions.add(e.transactionId);
        const t = Date.parse(e.occurredAt);
        perLocalHour[localHour(t)]!++;
        perDay.set(localDay(t), (perDay.get(localDay(t)) ?? 0) + 1);
      }
    }
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    console.log(
      `sim: 7-day history: ${transactions.size} transactions, ${events} events in ${((performance.now() - started) / 1000).toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU)`,
    );

    expect(transactions.size).toBeGreaterThanOrEqual(300_000);
    expect(Math.abs(transactions.size - estimateHistoryTransactions({ from, to })) / transactions.size).toBeLessThan(
      0.03,
    );
    expect(invalid).toBe(0);
    expect(cpuSeconds).toBeLessThan(30);

    // daily rhythm: nights are quiet
    const night = (perLocalHour[1]! + perLocalHour[2]! + perLocalHour[3]!) / 3;
    const day = (perLocalHour[10]! + perLocalHour[11]! + perLocalHour[14]!) / 3;
    expect(night).toBeLessThan(day / 4);
    // weekly rhythm: the weekend is quieter than any weekday
    const days = [...perDay.entries()].filter(([d]) => d * DAY - OFFSET >= from && (d + 1) * DAY - OFFSET <= to);
    const weekend = days.filter(([d]) => [0, 6].includes(weekday(d * DAY - OFFSET))).map(([, n]) => n);
    const weekdays = days.filter(([d]) => ![0, 6].includes(weekday(d * DAY - OFFSET))).map(([, n]) => n);
    expect(weekend).toHaveLength(2);
    expect(weekdays.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...weekend)).toBeLessThan(Math.min(...weekdays) * 0.6);

    // the customer master outage three days ago (09:12-11:12 business time), fixed and replayed
    const outage = errorTimes.get("CUSTOMER_MASTER_INVALID") ?? [];
    expect(outage.length).toBeGreaterThan(50);
    const outageStart = Date.parse("2026-03-09T14:12:00Z");
    for (const t of outage) expect(t >= outageStart && t < outageStart + 2 * HOUR + 5_000).toBe(true);
    // the broker storm five days ago (14:05-14:45): ten times the week's hourly rate of timeouts
    const storm = Date.parse("2026-03-07T19:05:00Z");
    const timeouts = errorTimes.get("BROKER_TIMEOUT") ?? [];
    expect(timeouts.filter((t) => t >= storm && t < storm + HOUR).length).toBeGreaterThan(
      (10 * timeouts.length) / (7 * 24),
    );
    // the mapping deploy yesterday at 10:40: no UOM failures before it
    const uom = errorTimes.get("UOM_MAPPING_MISSING") ?? [];
    expect(uom.length).toBeGreaterThan(50);
    expect(Math.min(...uom)).toBeGreaterThanOrEqual(Date.parse("2026-03-11T15:40:00Z"));
    expect((errorTimes.get("PERIOD_CLOSED") ?? []).length).toBeGreaterThan(50);
  }, 180_000);
});
