import { describe, expect, it, vi } from "vitest";
import { createLiveTraffic, DEFAULT_SETTINGS, generateHistory, historySettings, type SimEvent } from "@/sim/generate";
import { groupByTransaction } from "@/sim/inspect";

vi.setConfig({ testTimeout: 30_000 });

const HOUR = 3_600_000;
const to = Date.parse("2026-03-12T17:00:00Z");
// Events as JSON lines, sorted: compares large runs quickly and reports only differences.
const lines = (xs: SimEvent[]) => xs.map((e) => JSON.stringify(e)).sort();
function difference(a: string[], b: string[]): { missing: string[]; extra: string[] } {
  const inB = new Set(b);
  const inA = new Set(a);
  return { missing: a.filter((x) => !inB.has(x)).slice(0, 3), extra: b.filter((x) => !inA.has(x)).slice(0, 3) };
}

const history = (seed: number, from: number, until: number, settings = historySettings(to)) =>
  [...generateHistory({ from, to: until, seed, settings })].flat();

describe("deterministic traffic", () => {
  it("gives the same seed the same events, and another seed other events", () => {
    const a = history(42, to - 2 * HOUR, to);
    const b = history(42, to - 2 * HOUR, to);
    expect(a.length).toBeGreaterThan(5_000);
    expect(lines(b)).toEqual(lines(a));
    const c = history(43, to - 2 * HOUR, to);
    expect(c.map((e) => e.payload)).not.toEqual(a.map((e) => e.payload));
  });

  it("numbers each minute's flows the same way whatever window is generated", () => {
    // a re-run over an overlapping window sends the same ids for the same flows
    const whole = new Map(history(42, to - 4 * HOUR, to - 2 * HOUR).map((e) => [e.id, e]));
    const part = history(42, to - 3 * HOUR, to - 2 * HOUR);
    expect(part.length).toBeGreaterThan(1000);
    for (const e of part) expect(whole.get(e.id)).toEqual(e);
  });

  it("lets live traffic carry on where the backfill stopped, as if it had been one run", () => {
    // Live at the backfill's rate and rhythm: backfill [from, cut) + live ticks from cut
    // must equal one backfill [from, end), event for event.
    const from = to - 6 * HOUR;
    const cut = to - 2 * HOUR;
    const end = to;
    const settings = historySettings(to);
    const expected = history(42, from, end, settings);
    const live = createLiveTraffic({
      startAt: cut,
      seed: 42,
      settings,
      ratePerSecond: 0.56,
      rhythm: true,
      history: { from },
    });
    const got: SimEvent[] = history(42, from, cut, settings);
    let previous = cut;
    const outside: string[] = [];
    // ticks of uneven length: short ones first, then about five minutes
    for (let t = cut + 1_000, step = 1_000; t <= end; t += step, step = Math.min(step * 3, 299_000)) {
      const tick = live.tick(t);
      outside.push(
        ...tick.filter((e) => Date.parse(e.occurredAt) < previous || Date.parse(e.occurredAt) >= t).map((e) => e.id),
      );
      got.push(...tick);
      previous = t;
    }
    got.push(...live.tick(end));
    expect(outside).toEqual([]);
    expect(got.length).toBe(expected.length);
    expect(difference(lines(expected), lines(got))).toEqual({ missing: [], extra: [] });
  });
});

describe("live traffic", () => {
  it("sends about 20 transactions a second, each event once, in time order", () => {
    const start = Date.parse("2026-03-12T02:00:00Z"); // night: live traffic is flat by default
    const live = createLiveTraffic({ startAt: start, seed: 5 });
    const seen = new Set<string>();
    const started = new Set<string>();
    let unordered = 0;
    let repeated = 0;
    for (let t = start + 1000; t <= start + 10 * 60_000; t += 1000) {
      const events = live.tick(t);
      for (let i = 1; i < events.length; i++) if (events[i]!.occurredAt < events[i - 1]!.occurredAt) unordered++;
      for (const e of events) {
        if (seen.has(e.id)) repeated++;
        seen.add(e.id);
        if (e.stage === "received") started.add(e.transactionId);
      }
    }
    expect({ unordered, repeated }).toEqual({ unordered: 0, repeated: 0 });
    // transactions that started in 10 minutes: releases, inventory, inbound... (picks follow later)
    const perSecond = started.size / 600;
    expect(perSecond).toBeGreaterThan(8);
    expect(perSecond).toBeLessThan(25);
    expect(live.runningFlows).toBeGreaterThan(1000);
    expect(live.tick(start)).toEqual([]);
  });

  it("switches scenario 1 on and off at the live cursor", () => {
    const start = Date.parse("2026-03-12T15:00:00Z");
    const settings = historySettings(start, DEFAULT_SETTINGS);
    const live = createLiveTraffic({
      startAt: start,
      seed: 9,
      settings,
      ratePerSecond: 4,
      history: { from: start - 24 * HOUR },
    });
    const events: SimEvent[] = [];
    const run = (until: number) => {
      for (let t = live.cursor.getTime() + 30_000; t <= until; t += 30_000) events.push(...live.tick(t));
    };
    run(start + 10 * 60_000);
    const on = live.cursor.getTime();
    live.setScenario("customerMaster", true);
    run(start + 50 * 60_000);
    const off = live.cursor.getTime();
    live.setScenario("customerMaster", false);
    run(start + 90 * 60_000);

    const failures = events.filter((e) => e.error?.code === "CUSTOMER_MASTER_INVALID");
    expect(failures.length).toBeGreaterThan(20);
    for (const e of failures) {
      expect(Date.parse(e.occurredAt)).toBeGreaterThanOrEqual(on);
      expect(Date.parse(e.occurredAt)).toBeLessThan(off + 5_000);
      expect(e).toMatchObject({ workflow: "shipment_confirmation", site: "east", layer: "target_api" });
    }
    // the pile stays: no replay unless someone asks for it
    const failedIds = new Set(failures.map((e) => e.transactionId));
    const tx = groupByTransaction(events);
    for (const id of failedIds) expect(tx.get(id)!.at(-1)!.stage).toBe("failed");
    expect(
      events.some(
        (e) =>
          e.workflow === "master_data_sync" && Date.parse(e.occurredAt) >= on && Date.parse(e.occurredAt) < on + 60_000,
      ),
    ).toBe(true);
  });
});
