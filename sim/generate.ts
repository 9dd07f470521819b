// The simulator's public API.
//
//   generateHistory({ from, to, seed })  -> batches of events for a backfill
//   createLiveTraffic({ startAt, seed }) -> .tick(now) gives the events of [last tick, now)
//
// Both read the same deterministic world: the flows of each minute are named by
// (minute, k) and every draw is keyed by that name, so a window of time always yields
// the same event ids (a re-run is reported as duplicates by ingest) and live traffic
// can carry on the flows a backfill left in progress.
import { minuteIndex, minuteStart, toMs } from "./clock";
import { flowContext } from "./context";
import { DEFAULT_MAX_BATCH_EVENTS, DEFAULT_SEED, HISTORY_RATE_PER_SECOND } from "./defaults";
import type { SimEvent } from "./event";
import { TRANSACTIONS_PER_FLOW } from "./flow-mix";
import { generateFlow } from "./flows/index";
import { historySettings } from "./incidents";
import { flowsStartingInMinute } from "./instances";
import { type Seed, seedHash } from "./random";
import type { Instant, ScenarioSettings } from "./scenarios";
import { flowsInMinute, type RateSpec } from "./schedule";

export { flowContext } from "./context";
export { DEFAULT_MAX_BATCH_EVENTS, DEFAULT_SEED, HISTORY_RATE_PER_SECOND, LIVE_RATE_PER_SECOND } from "./defaults";
export type { SimError, SimEvent, SimRefs } from "./event";
export { historySettings, withPastIncidents } from "./incidents";
export { createLiveTraffic, type LiveOptions, type LiveTraffic } from "./live";
export type { Seed } from "./random";
export type { Instant, ScenarioKey, ScenarioSettings, TimeWindow } from "./scenarios";
export { DEFAULT_SETTINGS, SCENARIOS, setScenario } from "./scenarios";

export interface HistoryOptions {
  from: Instant;
  to: Instant;
  seed?: Seed;
  // Default: the live defaults plus past incidents placed relative to `to`.
  settings?: ScenarioSettings;
  ratePerSecond?: number; // weekly mean; default HISTORY_RATE_PER_SECOND
  rhythm?: boolean; // daily and weekly rhythm; default true
  maxBatchEvents?: number;
  // Prepended to every transaction id (and so event id): keeps two worlds apart in one database.
  idPrefix?: string;
  // Transactions that started earlier carry payloads only when they failed, like a
  // middleware log that keeps message bodies for a day and failures for longer. Halves
  // what a week's backfill sends. Default: 24 hours before `to`; `from` keeps them all.
  payloadsSince?: Instant;
}

// The flows that start in [from, to), with their events before `to` ("now" for a
// backfill: nothing from the future). A transaction's events are never split across
// batches; a batch holds at most `maxBatchEvents` events.
export function* generateHistory(options: HistoryOptions): Generator<SimEvent[], void, undefined> {
  const from = toMs(options.from);
  const to = toMs(options.to);
  const ctx = flowContext(options.seed ?? DEFAULT_SEED, options.settings ?? historySettings(to), options.idPrefix);
  const rate: RateSpec = {
    ratePerSecond: options.ratePerSecond ?? HISTORY_RATE_PER_SECOND,
    rhythm: options.rhythm ?? true,
  };
  const max = options.maxBatchEvents ?? DEFAULT_MAX_BATCH_EVENTS;
  const payloadsSince = options.payloadsSince === undefined ? to - PAYLOAD_RETENTION_MS : toMs(options.payloadsSince);
  let batch: SimEvent[] = [];
  for (let minute = minuteIndex(from); minuteStart(minute) < to; minute++) {
    for (const flow of flowsStartingInMinute(minute, rate, ctx.seedH, ctx.settings)) {
      if (flow.start < from || flow.start >= to) continue;
      for (const tx of generateFlow(flow, ctx)) {
        let n = 0;
        while (n < tx.times.length && tx.times[n]! < to) n++; // times ascend within a transaction
        if (n === 0) continue;
        if (batch.length + n > max && batch.length > 0) {
          yield batch;
          batch = [];
        }
        const keepPayloads = flow.start >= payloadsSince || tx.events.some((e) => e.error);
        for (let i = 0; i < n; i++) batch.push(keepPayloads ? tx.events[i]! : withoutPayload(tx.events[i]!));
      }
    }
  }
  if (batch.length > 0) yield batch;
}

const PAYLOAD_RETENTION_MS = 24 * 3_600_000;

function withoutPayload(event: SimEvent): SimEvent {
  if (event.payload === undefined) return event;
  const { payload: _dropped, ...rest } = event;
  return rest;
}

// Roughly how many transactions a backfill sends (for progress bars): the flows the
// schedule starts, times the transactions per flow.
export function estimateHistoryTransactions(
  options: Pick<HistoryOptions, "from" | "to" | "seed" | "ratePerSecond" | "rhythm">,
): number {
  const from = toMs(options.from);
  const to = toMs(options.to);
  const seedH = seedHash(options.seed ?? DEFAULT_SEED);
  const rate: RateSpec = {
    ratePerSecond: options.ratePerSecond ?? HISTORY_RATE_PER_SECOND,
    rhythm: options.rhythm ?? true,
  };
  let flows = 0;
  for (let minute = minuteIndex(from); minuteStart(minute) < to; minute++) flows += flowsInMinute(minute, rate, seedH);
  return Math.round(flows * TRANSACTIONS_PER_FLOW);
}
