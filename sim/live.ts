// Live traffic: each tick returns the events that happened since the previous tick.
//
// A flow's events are spread over hours (a pick 30 minutes after the release, the
// south site's next batch, the invoice after the billing run), so live traffic keeps
// the running flows in a heap by the time of their next event and regenerates a flow
// when that time comes. Regenerating is cheap and deterministic; keeping only
// (flow name, next time) keeps memory small at 20 transactions per second.
//
// Why not a stateless "generate the tick at `now`": finding every flow with an event in
// one second would mean regenerating the last day of flows on every tick.
import { HOUR, minuteIndex, minuteStart, toMs } from "./clock";
import { flowContext } from "./context";
import { DEFAULT_SEED, HISTORY_RATE_PER_SECOND, LIVE_RATE_PER_SECOND } from "./defaults";
import type { SimEvent } from "./event";
import { generateFlow } from "./flows/index";
import type { FlowContext } from "./hops";
import { type FlowInstance, flowsStartingInMinute } from "./instances";
import { MinHeap } from "./min-heap";
import type { Seed } from "./random";
import { DEFAULT_SETTINGS, type Instant, type ScenarioKey, type ScenarioSettings, setScenario } from "./scenarios";
import type { RateSpec } from "./schedule";

// Longest a flow runs from its start to its last event (south: two CSV cycles, a night
// without picking, and a late batch).
const LONGEST_FLOW_MS = 36 * HOUR;

export interface LiveOptions {
  startAt: Instant;
  seed?: Seed;
  settings?: ScenarioSettings;
  ratePerSecond?: number; // default LIVE_RATE_PER_SECOND
  rhythm?: boolean; // default false: flat
  idPrefix?: string;
  // The backfill this live traffic continues (same seed, settings and id prefix): its
  // flows still running at `startAt` send their remaining events live.
  history?: { from?: Instant; ratePerSecond?: number; rhythm?: boolean };
}

export interface LiveTraffic {
  // Events with occurredAt in [previous tick, now), oldest first.
  tick(now: Instant): SimEvent[];
  // Everything before the cursor has been sent.
  readonly cursor: Date;
  readonly settings: ScenarioSettings;
  setSettings(settings: ScenarioSettings): void;
  // Switch a scenario at the cursor (the only time that cannot rewrite sent traffic).
  setScenario(key: ScenarioKey, on: boolean): void;
  readonly runningFlows: number;
}

interface Running {
  flow: FlowInstance;
  sentUntil: number; // events before this were sent
}

export function createLiveTraffic(options: LiveOptions): LiveTraffic {
  const seed = options.seed ?? DEFAULT_SEED;
  const idPrefix = options.idPrefix ?? "";
  const rate: RateSpec = {
    ratePerSecond: options.ratePerSecond ?? LIVE_RATE_PER_SECOND,
    rhythm: options.rhythm ?? false,
  };
  let settings = options.settings ?? DEFAULT_SETTINGS;
  let ctx: FlowContext = flowContext(seed, settings, idPrefix);
  let cursor = toMs(options.startAt);
  const running = new MinHeap<Running>();
  let minuteCache: { minute: number; flows: FlowInstance[] } | null = null;

  // Sends the flow's events in [since, now); keeps it if it has more to come.
  function advance(flow: FlowInstance, since: number, now: number, out: { t: number; e: SimEvent }[]): void {
    let next = Infinity;
    for (const tx of generateFlow(flow, ctx)) {
      const { times, events } = tx;
      for (let i = 0; i < times.length; i++) {
        const t = times[i]!;
        if (t >= now) {
          if (t < next) next = t;
          break; // times ascend within a transaction
        }
        if (t >= since) out.push({ t, e: events[i]! });
      }
    }
    if (next < Infinity) running.push(next, { flow, sentUntil: now });
  }

  // Flows of the backfill still running at startAt carry on here.
  if (options.history) {
    const h = options.history;
    const historyRate: RateSpec = {
      ratePerSecond: h.ratePerSecond ?? HISTORY_RATE_PER_SECOND,
      rhythm: h.rhythm ?? true,
    };
    const from = Math.max(h.from === undefined ? -Infinity : toMs(h.from), cursor - LONGEST_FLOW_MS);
    const discard: { t: number; e: SimEvent }[] = [];
    for (let minute = minuteIndex(from); minuteStart(minute) < cursor; minute++) {
      for (const flow of flowsStartingInMinute(minute, historyRate, ctx.seedH, ctx.settings)) {
        if (flow.start >= from && flow.start < cursor) advance(flow, cursor, cursor, discard);
      }
    }
  }

  function flowsOf(minute: number): FlowInstance[] {
    if (minuteCache?.minute !== minute)
      minuteCache = { minute, flows: flowsStartingInMinute(minute, rate, ctx.seedH, ctx.settings) };
    return minuteCache.flows;
  }

  return {
    tick(at: Instant): SimEvent[] {
      const now = toMs(at);
      if (now <= cursor) return [];
      const out: { t: number; e: SimEvent }[] = [];
      for (let minute = minuteIndex(cursor); minuteStart(minute) < now; minute++) {
        for (const flow of flowsOf(minute))
          if (flow.start >= cursor && flow.start < now) advance(flow, cursor, now, out);
      }
      while (running.peekKey() < now) {
        const r = running.pop()!;
        advance(r.flow, r.sentUntil, now, out);
      }
      cursor = now;
      out.sort((a, b) => a.t - b.t);
      return out.map((x) => x.e);
    },
    get cursor() {
      return new Date(cursor);
    },
    get settings() {
      return settings;
    },
    setSettings(next: ScenarioSettings) {
      settings = next;
      ctx = flowContext(seed, settings, idPrefix);
      minuteCache = null;
    },
    setScenario(key: ScenarioKey, on: boolean) {
      this.setSettings(setScenario(settings, key, on, cursor));
    },
    get runningFlows() {
      return running.size;
    },
  };
}
