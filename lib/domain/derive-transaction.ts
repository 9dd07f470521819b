import { errorSignature } from "./error-signature";
import { FINAL_STATUSES, type Layer, REF_KEYS, type RefKey, type Stage, type Status } from "./vocabulary";

// A transaction's state is a pure function of the SET of its events (docs/domain.md,
// "Status"): events are sorted by a total order first, so duplicates, late arrivals
// and any arrival order give the same result.

export type Refs = Partial<Record<RefKey, string>>;

export interface DerivableEvent {
  eventId: string;
  workflow: string;
  stage: Stage;
  layer: Layer;
  occurredAt: Date;
  sourceSystem?: string | null;
  targetSystem?: string | null;
  site?: string | null;
  businessKey?: string | null;
  refs?: Refs | null;
  valueAmount?: string | null;
  valueCurrency?: string | null;
  quantity?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  errorRetryable?: boolean | null;
  attempt?: number | null;
  traceId?: string | null;
}

export interface TransactionState {
  workflow: string;
  site: string | null;
  sourceSystem: string | null;
  targetSystem: string | null;
  businessKey: string | null;
  refs: Record<RefKey, string | null>;
  valueAmount: string | null;
  valueCurrency: string | null;
  quantity: string | null;
  status: Status;
  currentLayer: Layer;
  failedLayer: Layer | null;
  errorCode: string | null;
  errorMessage: string | null;
  errorSignature: string | null;
  everFailed: boolean;
  // Read by the rollups (first-attempt failure and manual-intervention KPIs, time to resolve).
  firstAttemptFailed: boolean;
  replayed: boolean;
  firstFailureAt: Date | null;
  attempts: number;
  eventCount: number;
  firstEventAt: Date;
  lastEventAt: Date;
  completedAt: Date | null;
  latencyMs: number | null;
  traceId: string | null;
}

// Tie-break for events with the same timestamp: later pipeline steps and outcomes win,
// so a success and a failure stamped in the same millisecond resolve the same way every time.
const STAGE_RANK: Record<Stage, number> = {
  received: 1,
  transformed: 2,
  published: 3,
  delivered: 4,
  retry_scheduled: 5,
  replay_requested: 5,
  failed: 6,
  dead_lettered: 7,
  acknowledged: 8,
  resolved: 9,
  cancelled: 9,
};

const FAILURE_STAGES: readonly Stage[] = ["failed", "dead_lettered"];

export function compareEvents(a: DerivableEvent, b: DerivableEvent): number {
  return (
    a.occurredAt.getTime() - b.occurredAt.getTime() ||
    STAGE_RANK[a.stage] - STAGE_RANK[b.stage] ||
    (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)
  );
}

export function statusOfEvent(e: DerivableEvent): Status {
  switch (e.stage) {
    case "received":
    case "transformed":
    case "published":
      return "in_flight";
    case "delivered":
      // Delivery into the target's API is the end of the line; elsewhere it is a hand-over.
      return e.layer === "target_api" ? "succeeded" : "in_flight";
    case "acknowledged":
      return "succeeded";
    case "failed":
      return e.errorRetryable ? "retrying" : "failed";
    case "retry_scheduled":
      return "retrying";
    case "dead_lettered":
      return "dead_lettered";
    case "replay_requested":
      return "replaying";
    case "resolved":
      return "resolved";
    case "cancelled":
      return "cancelled";
  }
}

function isFinal(status: Status): boolean {
  return FINAL_STATUSES.includes(status);
}

// After a final outcome, only a replay or a later attempt may move the status again:
// stragglers of the same attempt (a late "received", an older failure) never reopen it.
function movesStatus(current: { status: Status; attempt: number }, e: DerivableEvent): boolean {
  if (!isFinal(current.status)) return true;
  const next = statusOfEvent(e);
  return isFinal(next) || e.stage === "replay_requested" || (e.attempt ?? 1) > current.attempt;
}

// A replay stays `replaying` from its request to its outcome: the hand-overs on its way
// (the replay endpoint accepting it, the middleware passing it on) are its progress, not a
// new delivery "in flight", and the stuck clock runs from the latest of them. A transient
// error on the way (the replay endpoint busy, retried with the same idempotency key) holds
// only until the replay moves on; then the failure the replay was for is the transaction's
// failure again, and the refused attempt is history on the trace. The replay ends with
// its outcome: the target's confirmation (or another final step), or a failure for good.
interface OpenReplay {
  failureBefore: DerivableEvent | null;
}

function isFailureEvent(e: DerivableEvent): boolean {
  return FAILURE_STAGES.includes(e.stage) || (e.stage === "retry_scheduled" && Boolean(e.errorCode || e.errorMessage));
}

// Received, transformed, published, delivered, acknowledged, resolved, cancelled.
function isProgress(e: DerivableEvent): boolean {
  return !FAILURE_STAGES.includes(e.stage) && e.stage !== "retry_scheduled" && e.stage !== "replay_requested";
}

// Crossdock's own record that the replay endpoint took a replay (lib/jobs/replay/
// record-outcomes.ts). It is written once the endpoint has answered, so the target's report
// of the outcome may carry an earlier time: the acceptance then belongs to a replay that
// has already ended, and must not reopen it.
function isReplayAcceptance(e: DerivableEvent): boolean {
  return e.stage === "delivered" && e.layer === "middleware" && e.eventId.startsWith("crossdock:");
}

function endsReplay(status: Status): boolean {
  return isFinal(status) || status === "failed" || status === "dead_lettered";
}

export function deriveTransaction(events: readonly DerivableEvent[]): TransactionState {
  if (events.length === 0) throw new Error("deriveTransaction needs at least one event");
  const sorted = dedupeById(events).sort(compareEvents);
  const first = sorted[0]!;

  const refs = Object.fromEntries(REF_KEYS.map((k) => [k, null])) as Record<RefKey, string | null>;
  let statusEvent = first;
  let current: { status: Status; attempt: number } | null = null;
  let replay: OpenReplay | null = null;
  let failure: DerivableEvent | null = null;
  let valued: DerivableEvent | null = null;
  let workflow = first.workflow;
  let site: string | null = null;
  let sourceSystem: string | null = null;
  let targetSystem: string | null = null;
  let businessKey: string | null = null;
  let quantity: string | null = null;
  let traceId: string | null = null;
  let attempts = 1;

  for (const e of sorted) {
    // Descriptive fields: the latest event that carries a value wins.
    workflow = e.workflow;
    site = e.site ?? site;
    sourceSystem = e.sourceSystem ?? sourceSystem;
    targetSystem = e.targetSystem ?? targetSystem;
    businessKey = e.businessKey ?? businessKey;
    quantity = e.quantity ?? quantity;
    traceId = e.traceId ?? traceId;
    if (e.valueAmount != null) valued = e;
    for (const k of REF_KEYS) refs[k] = e.refs?.[k] ?? refs[k];
    attempts = Math.max(attempts, e.attempt ?? 1);
    if (isFailureEvent(e)) failure = e;
    if (current !== null && (!movesStatus(current, e) || (isReplayAcceptance(e) && !replay))) continue;

    if (e.stage === "replay_requested") replay ??= { failureBefore: failure };
    const next = replay && statusOfEvent(e) === "in_flight" ? "replaying" : statusOfEvent(e);
    if (replay && isProgress(e)) failure = replay.failureBefore;
    if (endsReplay(next)) replay = null;
    statusEvent = e;
    current = { status: next, attempt: e.attempt ?? 1 };
  }
  const status = current!.status;

  const last = sorted[sorted.length - 1]!;
  const completedAt = isFinal(status) ? statusEvent.occurredAt : null;
  return {
    workflow,
    site,
    sourceSystem,
    targetSystem,
    businessKey,
    refs,
    valueAmount: valued?.valueAmount ?? null,
    valueCurrency: valued?.valueCurrency ?? null,
    quantity,
    status,
    currentLayer: statusEvent.layer,
    failedLayer: failure?.layer ?? null,
    errorCode: failure?.errorCode ?? null,
    errorMessage: failure?.errorMessage ?? null,
    errorSignature: failure
      ? errorSignature({
          layer: failure.layer,
          target: failure.targetSystem ?? targetSystem,
          code: failure.errorCode,
          message: failure.errorMessage,
        })
      : null,
    everFailed: sorted.some((e) => FAILURE_STAGES.includes(e.stage)),
    firstAttemptFailed: sorted.some((e) => FAILURE_STAGES.includes(e.stage) && (e.attempt ?? 1) === 1),
    replayed: sorted.some((e) => e.stage === "replay_requested"),
    firstFailureAt: sorted.find((e) => FAILURE_STAGES.includes(e.stage))?.occurredAt ?? null,
    attempts,
    eventCount: sorted.length,
    firstEventAt: first.occurredAt,
    lastEventAt: last.occurredAt,
    completedAt,
    latencyMs: status === "succeeded" && completedAt ? completedAt.getTime() - first.occurredAt.getTime() : null,
    traceId,
  };
}

function dedupeById(events: readonly DerivableEvent[]): DerivableEvent[] {
  const byId = new Map<string, DerivableEvent>();
  for (const e of events) if (!byId.has(e.eventId)) byId.set(e.eventId, e);
  return [...byId.values()];
}
