import { LAYERS, type Layer } from "./vocabulary";

// The trace view's shapes, derived from a transaction's events: where each step sat on the
// timeline, how long each layer took, which hop failed, and the attempts (first delivery,
// automatic retries, replays). Pure, so it is tested without a database or a browser.

export interface TraceEvent {
  id: string;
  stage: string;
  layer: string;
  occurredAt: string;
  durationMs: number | null;
  attempt: number | null;
  source: string | null;
  target: string | null;
  error: { code: string | null; message: string | null; retryable: boolean | null } | null;
}

const FAILURE_STAGES = new Set(["failed", "dead_lettered"]);
const SUCCESS_STAGES = new Set(["acknowledged", "delivered", "resolved"]);

export function isFailing(e: Pick<TraceEvent, "stage" | "error">): boolean {
  return FAILURE_STAGES.has(e.stage) || (e.error !== null && e.stage !== "retry_scheduled");
}

export interface WaterfallRow {
  event: TraceEvent;
  // Where the bar sits on the trace's timeline, in percent of the whole span.
  offsetPct: number;
  widthPct: number;
  failing: boolean;
  // The failure the trace is about: the last one, unless something succeeded after it.
  failingHop: boolean;
}

export interface Waterfall {
  rows: WaterfallRow[];
  spanMs: number;
  // The last failure and whether it still stands (nothing succeeded after it).
  failure: { event: TraceEvent; current: boolean } | null;
}

// A bar narrower than this would vanish; it still marks when the step happened.
const MIN_WIDTH_PCT = 0.6;

function byTime(a: TraceEvent, b: TraceEvent): number {
  return Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
}

// Events report when a step finished and how long it took, so a bar ends at occurredAt.
export function buildWaterfall(events: readonly TraceEvent[]): Waterfall {
  const sorted = [...events].sort(byTime);
  if (sorted.length === 0) return { rows: [], spanMs: 0, failure: null };
  const start = (e: TraceEvent) => Date.parse(e.occurredAt) - (e.durationMs ?? 0);
  const t0 = Math.min(...sorted.map(start));
  const t1 = Math.max(...sorted.map((e) => Date.parse(e.occurredAt)));
  const span = Math.max(t1 - t0, 1);
  const failure = lastFailure(sorted);
  const rows = sorted.map((event) => {
    const offsetPct = ((start(event) - t0) / span) * 100;
    const widthPct = Math.max(((event.durationMs ?? 0) / span) * 100, MIN_WIDTH_PCT);
    return {
      event,
      offsetPct: Math.min(offsetPct, 100 - MIN_WIDTH_PCT),
      widthPct: Math.min(widthPct, 100 - Math.min(offsetPct, 100 - MIN_WIDTH_PCT)),
      failing: isFailing(event),
      failingHop: failure !== null && failure.event.id === event.id,
    };
  });
  return { rows, spanMs: t1 - t0, failure };
}

function lastFailure(sorted: readonly TraceEvent[]): Waterfall["failure"] {
  const index = sorted.findLastIndex(isFailing);
  if (index < 0) return null;
  const current = !sorted.slice(index + 1).some((e) => SUCCESS_STAGES.has(e.stage));
  return { event: sorted[index]!, current };
}

export type HopState = "ok" | "failed" | "not_reached";

export interface HopSummary {
  layer: Layer;
  // The system at the ends of the route (WMS API, ERP endpoint); the middle layers have none.
  system: string | null;
  eventCount: number;
  durationMs: number | null;
  state: HopState;
  error: TraceEvent["error"];
}

// One box per layer, in the order a message crosses them. A layer is "failed" only for
// the failure that still stands; an error fixed by a later replay is history.
export function summarizeHops(events: readonly TraceEvent[]): HopSummary[] {
  const { failure } = buildWaterfall(events);
  const standing = failure?.current ? failure.event : null;
  return LAYERS.map((layer) => {
    const inLayer = events.filter((e) => e.layer === layer);
    const durations = inLayer.map((e) => e.durationMs).filter((d): d is number => d !== null);
    const system =
      layer === "source_api"
        ? (events.find((e) => e.source)?.source ?? null)
        : layer === "target_api"
          ? (events.find((e) => e.target)?.target ?? null)
          : null;
    const failed = standing?.layer === layer;
    return {
      layer,
      system,
      eventCount: inLayer.length,
      durationMs: durations.length > 0 ? durations.reduce((a, b) => a + b, 0) : null,
      state: failed ? "failed" : inLayer.length > 0 ? "ok" : "not_reached",
      error: failed ? standing.error : null,
    };
  });
}

export type AttemptTrigger = "first" | "retry" | "replay";
export type AttemptOutcome =
  | "succeeded"
  | "failed"
  | "dead_lettered"
  | "retry_scheduled"
  | "resolved"
  | "cancelled"
  | "in_progress";

export interface Attempt {
  number: number;
  trigger: AttemptTrigger;
  startedAt: string;
  endedAt: string;
  outcome: AttemptOutcome;
  error: TraceEvent["error"];
  events: TraceEvent[];
}

const OUTCOME_OF: Record<string, AttemptOutcome> = {
  acknowledged: "succeeded",
  delivered: "succeeded",
  failed: "failed",
  dead_lettered: "dead_lettered",
  retry_scheduled: "retry_scheduled",
  resolved: "resolved",
  cancelled: "cancelled",
};

// Splits the trace into attempts. A replay request always opens one; a higher attempt
// number on an event opens one; after "retry scheduled" the next event opens one even
// when the sender does not number its attempts.
export function buildAttempts(events: readonly TraceEvent[]): Attempt[] {
  const attempts: Attempt[] = [];
  let retryPending = false;
  for (const e of [...events].sort(byTime)) {
    const current = attempts.at(-1);
    let opens: { number: number; trigger: AttemptTrigger } | null = null;
    if (!current)
      opens = {
        number: e.stage === "replay_requested" ? Math.max(e.attempt ?? 2, 2) : (e.attempt ?? 1),
        trigger: e.stage === "replay_requested" ? "replay" : "first",
      };
    else if (e.stage === "replay_requested")
      opens = { number: Math.max(e.attempt ?? 0, current.number + 1), trigger: "replay" };
    else if (e.attempt !== null && e.attempt > current.number) opens = { number: e.attempt, trigger: "retry" };
    else if (retryPending) opens = { number: current.number + 1, trigger: "retry" };
    if (opens)
      attempts.push({
        ...opens,
        startedAt: e.occurredAt,
        endedAt: e.occurredAt,
        outcome: "in_progress",
        error: null,
        events: [],
      });
    const attempt = attempts.at(-1)!;
    attempt.events.push(e);
    attempt.endedAt = e.occurredAt;
    const outcome = OUTCOME_OF[e.stage];
    // A success at an intermediate layer ("delivered" to the broker) is not the end of the attempt.
    if (outcome && !(outcome === "succeeded" && e.layer !== "target_api")) attempt.outcome = outcome;
    if (e.error && isFailing(e)) attempt.error = e.error;
    retryPending = e.stage === "retry_scheduled";
  }
  return attempts;
}
