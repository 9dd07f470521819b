import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { nativeEventSchema } from "@/lib/ingest/native-event";
import type { Layer, ReplayRequest } from "./contract";
import type { Outcome } from "./state";

// SIMULATION, not product code. The native ingest events (lib/ingest/native-event.ts,
// public/openapi.yaml) that tell Crossdock how a replay went: the redelivered message
// passes the pipeline again and is acknowledged by the target API, or fails again at
// the layer of its original error. Ids derive from the replayId, so re-sending the same
// report is a duplicate at ingest, never a second step.

export type NativeEventInput = z.input<typeof nativeEventSchema>;

const PIPELINE: { stage: "received" | "transformed" | "published"; layer: Layer }[] = [
  { stage: "received", layer: "middleware" },
  { stage: "transformed", layer: "middleware" },
  { stage: "published", layer: "broker" },
];
const LAYER_ORDER: Layer[] = ["source_api", "middleware", "broker", "target_api"];

export interface OutcomeInput {
  request: ReplayRequest;
  attempt: number;
  outcome: Outcome;
  trace: { traceId: string; parentSpanId: string | null };
  startedAt: number; // ms since epoch: the replay was accepted
  finishedAt: number; // the target answered
}

export function outcomeEvents({
  request,
  attempt,
  outcome,
  trace,
  startedAt,
  finishedAt,
}: OutcomeInput): NativeEventInput[] {
  const failAt = outcome.ok ? null : LAYER_ORDER.indexOf(outcome.layer);
  // Steps before the failing layer happened; the one at it failed.
  const steps = PIPELINE.filter((s) => failAt === null || LAYER_ORDER.indexOf(s.layer) < failAt);
  const span = Math.max(steps.length + 1, finishedAt - startedAt);
  const times = [
    ...steps.map((_, i) => startedAt + Math.round((span * (i + 1)) / (PIPELINE.length + 3))),
    startedAt + span,
  ];

  const refs = Object.fromEntries(
    Object.entries(request.refs ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const common = {
    transactionId: request.transactionId,
    workflow: request.workflow,
    businessKey: request.businessKey ?? undefined,
    refs: Object.keys(refs).length ? refs : undefined,
    attempt,
    traceId: trace.traceId,
    parentSpanId: trace.parentSpanId ?? undefined,
  };
  const at = (i: number) => ({
    occurredAt: new Date(times[i]!).toISOString(),
    durationMs: times[i]! - (i === 0 ? startedAt : times[i - 1]!),
    spanId: randomBytes(8).toString("hex"),
  });

  const events: NativeEventInput[] = steps.map((s, i) => ({
    ...common,
    ...at(i),
    id: `${request.replayId}:${s.stage}`,
    stage: s.stage,
    layer: s.layer,
    payload: s.stage === "received" && request.payload !== undefined ? request.payload : undefined,
  }));
  const last = at(steps.length);
  if (outcome.ok) {
    events.push({
      ...common,
      ...last,
      id: `${request.replayId}:acknowledged`,
      stage: "acknowledged",
      layer: "target_api",
      payload: { documentId: outcome.documentId, status: "posted", replayId: request.replayId },
    });
    events.push(...invoiceOnShipment(request, refs, times.at(-1)!));
  } else {
    events.push({
      ...common,
      ...last,
      id: `${request.replayId}:failed`,
      stage: "failed",
      layer: outcome.layer,
      // A replayed message is not retried by the middleware on its own: the next try is another replay.
      error: { code: outcome.code, message: outcome.message, retryable: false },
      payload: { error: { code: outcome.code, message: outcome.message }, replayId: request.replayId },
    });
  }
  return events;
}

// The ERP bills a load once its shipment confirmation posts: an accepted shipment
// confirmation brings the invoice posting that finance was waiting for, so a replayed
// shipment leaves the unposted loads as it would in the real ERP.
function invoiceOnShipment(request: ReplayRequest, refs: Record<string, string>, postedAt: number): NativeEventInput[] {
  const shipmentId = refs.shipmentId;
  if (request.workflow !== "shipment_confirmation" || !shipmentId) return [];
  const invoiceId = `INV-${shipmentId}`;
  const common = {
    transactionId: invoiceId,
    workflow: "invoice_posting",
    source: "erp-cloud",
    target: "erp-cloud",
    businessKey: invoiceId,
    refs: { ...refs, invoiceId },
  };
  return [
    {
      ...common,
      id: `${request.replayId}:invoice:received`,
      stage: "received",
      layer: "source_api",
      occurredAt: new Date(postedAt + 1000).toISOString(),
    },
    {
      ...common,
      id: `${request.replayId}:invoice:acknowledged`,
      stage: "acknowledged",
      layer: "target_api",
      occurredAt: new Date(postedAt + 2000).toISOString(),
      durationMs: 1000,
    },
  ];
}
