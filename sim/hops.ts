// One transaction's trip across the layers: source API -> middleware transformation ->
// broker -> target endpoint, one event per step, with per-hop latencies and the
// failures the scenarios decide. Flows describe the business document; this file
// turns it into a trace.
import type { Layer, Stage } from "@/lib/domain/vocabulary";
import { iso, MINUTE, SECOND } from "./clock";
import type { SimError, SimEvent, SimRefs, SimTransaction } from "./event";
import type { WorkflowName } from "./landscape";
import { hex16, mix, Rng, unit } from "./random";
import { brokerTimeoutChance, type CompiledSettings } from "./scenarios";
import { rhythmAt } from "./schedule";

export interface FlowContext {
  seedH: number;
  settings: CompiledSettings;
  idPrefix: string;
}

export interface TxHeader {
  transactionId: string;
  workflow: WorkflowName;
  source: string;
  target: string;
  site?: string;
  businessKey: string;
  refs: SimRefs;
}

export interface TargetFailure {
  error: SimError;
  // replay of the failed delivery (people replaying after a fix), or a resolution by hand
  replayAt?: number | null;
  resolveAt?: number | null;
}

export interface HopPlan {
  start: number; // business time the source system records the document
  sourceLatencyMs: number; // median of the source API call
  targetLatencyMs: number; // median of the target endpoint
  // legacy sites: when the middleware picks the record up / when the target imports it
  sourcePickup?: (t: number) => number;
  targetPickup?: (t: number) => number;
  value?: { amount: string; currency: "USD" | "CAD" };
  quantity?: number;
  payload?: unknown; // as the source sent it
  mapped?: unknown; // after the middleware's transformation
  middlewareFailure?: (t: number) => SimError | null;
  targetFailure?: (t: number) => TargetFailure | null;
}

export interface HopOutcome {
  tx: SimTransaction;
  // acknowledged by the target (first attempt, retry or replay)
  delivered: boolean;
  doneAt: number;
}

const LAYER_CODE: Record<Layer, string> = { source_api: "src", middleware: "mw", broker: "brk", target_api: "tgt" };
const STAGE_CODE: Record<Stage, string> = {
  received: "rcv",
  transformed: "xfm",
  published: "pub",
  delivered: "dlv",
  acknowledged: "ack",
  failed: "err",
  retry_scheduled: "rty",
  dead_lettered: "dlq",
  replay_requested: "rpl",
  resolved: "res",
  cancelled: "cxl",
};

const BROKER_TIMEOUT_MS = 30 * SECOND;

class TxBuilder {
  readonly tx: SimTransaction = { events: [], times: [] };
  attempt = 1;
  private last: number;
  private readonly id: string;
  private readonly traceId: string;
  private readonly spanPrefix: string;

  constructor(
    private readonly h: TxHeader,
    hash: number,
    start: number,
  ) {
    this.last = Math.round(start);
    this.id = h.transactionId;
    this.traceId = hex16(hash, 0x7ace) + hex16(hash, 0x7acf);
    // span ids: unique within the trace, 16 hex characters
    this.spanPrefix = hex16(hash, 0x5ba9).slice(0, 13);
  }

  emit(
    stage: Stage,
    layer: Layer,
    at: number,
    extra?: Partial<Pick<SimEvent, "value" | "quantity" | "payload" | "error">>,
  ): number {
    const t = Math.max(Math.round(at), this.last);
    const { events } = this.tx;
    const n = events.length;
    const event: SimEvent = {
      id: `${this.id}.${LAYER_CODE[layer]}.${STAGE_CODE[stage]}${this.attempt > 1 ? `.${this.attempt}` : ""}`,
      transactionId: this.id,
      workflow: this.h.workflow,
      stage,
      layer,
      occurredAt: iso(t),
      durationMs: t - this.last,
      source: this.h.source,
      target: this.h.target,
      site: this.h.site,
      businessKey: this.h.businessKey,
      refs: this.h.refs,
      value: extra?.value,
      quantity: extra?.quantity,
      error: extra?.error,
      attempt: this.attempt > 1 ? this.attempt : undefined,
      traceId: this.traceId,
      spanId: this.spanPrefix + (0x100 + n).toString(16).slice(-3),
      parentSpanId: n > 0 ? events[n - 1]!.spanId : undefined,
      payload: extra?.payload,
    };
    events.push(event);
    this.tx.times.push(t);
    this.last = t;
    return t;
  }
}

export function runTransaction(ctx: FlowContext, header: TxHeader, hash: number, plan: HopPlan): HopOutcome {
  const rng = new Rng(hash);
  const b = new TxBuilder(header, hash, plan.start);
  const done = (delivered: boolean, doneAt: number): HopOutcome => ({ tx: b.tx, delivered, doneAt });

  // source API: the document leaves the source system
  let t = b.emit("received", "source_api", plan.start + rng.logNormal(plan.sourceLatencyMs, 0.5), {
    value: plan.value,
    quantity: plan.quantity,
    payload: plan.payload,
  });

  // middleware: mapping to the target's format (a legacy file waits for its batch first)
  const pickedUp = plan.sourcePickup ? plan.sourcePickup(t) : t;
  t = pickedUp + 5 + rng.logNormal(60, 0.6);
  const mappingError = plan.middlewareFailure?.(t);
  if (mappingError) return done(false, b.emit("failed", "middleware", t, { error: mappingError }));
  t = b.emit("transformed", "middleware", t, { payload: plan.mapped });

  // broker: publish, with automatic retries after a timeout
  const broker = ctx.settings.broker;
  for (;;) {
    const publishAt = t + 2 + rng.logNormal(15, 0.7);
    const failChance = b.attempt === 1 ? brokerTimeoutChance(ctx.settings, publishAt) : 1 - broker.retrySuccess;
    if (failChance > 0 && unit(mix(hash, 0xb0 + b.attempt)) < failChance) {
      const last = b.attempt >= broker.maxAttempts;
      t = b.emit("failed", "broker", t + BROKER_TIMEOUT_MS, {
        error: {
          code: "BROKER_TIMEOUT",
          message: `Publish to queue erp.inbound.${header.workflow} timed out after 30000 ms`,
          retryable: !last,
        },
      });
      if (last) {
        const message = `Moved to dead-letter queue after ${b.attempt} failed attempts`;
        return done(
          false,
          b.emit("dead_lettered", "broker", t + 40, { error: { code: "BROKER_TIMEOUT", message, retryable: false } }),
        );
      }
      t = b.emit("retry_scheduled", "broker", t + 5);
      b.attempt++;
      t += 5 * SECOND * 2 ** (b.attempt - 2) * (0.8 + 0.4 * rng.next());
      continue;
    }
    t = b.emit("published", "broker", publishAt);
    break;
  }

  // target endpoint: slower when the ERP is busy
  const arrives = plan.targetPickup ? plan.targetPickup(t) : t;
  const busy = 0.7 + 0.6 * rhythmAt(arrives);
  const answeredAt = arrives + rng.logNormal(plan.targetLatencyMs * busy, 0.55);
  // decided on arrival, so a rejection is never stamped before the scenario started
  const rejected = plan.targetFailure?.(arrives);
  if (!rejected) return done(true, b.emit("acknowledged", "target_api", answeredAt));

  // a validation error comes back faster than a posting
  t = b.emit("failed", "target_api", arrives + rng.logNormal(220, 0.4), {
    error: rejected.error,
    payload: { httpStatus: 422, response: { code: rejected.error.code, message: rejected.error.message } },
  });
  if (rejected.replayAt != null) {
    // the group is replayed in one go; deliveries trickle through over a few minutes
    b.attempt++;
    const replayAt = Math.max(rejected.replayAt, t + MINUTE) + rng.next() * 8 * MINUTE;
    t = b.emit("replay_requested", "middleware", replayAt);
    t = b.emit("published", "broker", t + rng.logNormal(20, 0.5));
    return done(true, b.emit("acknowledged", "target_api", t + rng.logNormal(plan.targetLatencyMs, 0.5)));
  }
  if (rejected.resolveAt != null) b.emit("resolved", "target_api", Math.max(rejected.resolveAt, t + MINUTE));
  return done(false, t);
}
