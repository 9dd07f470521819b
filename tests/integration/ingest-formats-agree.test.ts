import { type Attributes, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { CloudEvent, emitterFor, httpTransport, Mode } from "cloudevents";
import { beforeAll, describe, expect, it } from "vitest";
import { getTransaction, type TransactionDetail } from "@/lib/queries/get-transaction";
import { newApiKey } from "../helpers/api";
import { useIngestServer } from "../helpers/otlp-server";
import { useTestDatabase } from "../helpers/test-database";

// One business flow sent three ways (native JSON, the CloudEvents SDK's emitter, the
// OpenTelemetry SDK's exporter) must read back the same through the transaction read
// model the UI uses: same workflow, status, layers, error, refs, value, steps and timings.

const db = useTestDatabase();
const server = useIngestServer();
let key: string;

beforeAll(async () => {
  key = await newApiKey(db.pool, "mule-integration");
});
const T0 = Date.parse("2026-11-03T14:00:00Z");
const SHIPMENT = "SHP-7001";
const COMMON = {
  workflow: "shipment_confirmation",
  site: "central",
  source: "wms-central",
  target: "erp-cloud",
  businessKey: SHIPMENT,
  refs: { shipmentId: SHIPMENT, loadId: "L-77", orderId: "SO-5521" },
};
const ERROR = { code: "CUSTOMER_MASTER_INVALID", message: "Customer C-9 failed validation", retryable: true };

interface Step {
  stage: string;
  layer: string;
  at: number; // ms after T0
  ms: number;
  attempt?: number;
  error?: typeof ERROR;
  value?: boolean;
}

// received at the WMS API -> mapped -> published -> the ERP rejects it (retryable) ->
// the retry a minute later is delivered.
const FLOW: Step[] = [
  { stage: "received", layer: "source_api", at: 0, ms: 30, value: true },
  { stage: "transformed", layer: "middleware", at: 100, ms: 40 },
  { stage: "published", layer: "broker", at: 200, ms: 10 },
  { stage: "failed", layer: "target_api", at: 300, ms: 250, attempt: 1, error: ERROR },
  { stage: "delivered", layer: "target_api", at: 60_000, ms: 120, attempt: 2 },
];

function nativeEvent(transactionId: string, step: Step, i: number) {
  return {
    ...COMMON,
    id: `${transactionId}-${i}`,
    transactionId,
    stage: step.stage,
    layer: step.layer,
    occurredAt: new Date(T0 + step.at).toISOString(),
    durationMs: step.ms,
    ...(step.attempt ? { attempt: step.attempt } : {}),
    ...(step.error ? { error: step.error } : {}),
    ...(step.value ? { value: { amount: "1200.50", currency: "USD" } } : {}),
  };
}

async function sendNative(transactionId: string) {
  const res = await fetch(`${server.url}/api/v1/events`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ events: FLOW.map((s, i) => nativeEvent(transactionId, s, i)) }),
  });
  expect(await res.json()).toMatchObject({ accepted: FLOW.length, rejected: 0 });
}

// The CloudEvents emitter in binary mode over HTTP, one event per request; the type
// names workflow and stage, the envelope's time is the event time.
async function sendCloudEvents(transactionId: string) {
  const emit = emitterFor(httpTransport(`${server.url}/api/v1/events`), { mode: Mode.BINARY });
  for (const [i, step] of FLOW.entries()) {
    const { id, workflow, stage, occurredAt, ...data } = nativeEvent(transactionId, step, i);
    void workflow;
    void stage;
    const ce = new CloudEvent({
      source: "/mule/central",
      id,
      type: `com.example.${COMMON.workflow}.${step.stage}`,
      time: occurredAt,
      datacontenttype: "application/json",
      data,
    });
    const response = (await emit(ce, { headers: { authorization: `Bearer ${key}` } })) as { body: string };
    expect(JSON.parse(response.body)).toMatchObject({ accepted: 1 });
  }
}

// Spans from the OpenTelemetry SDK: kind gives the layer, status ERROR the failure; the
// failed call and its retry are separate traces tied together by crossdock.transaction_id.
async function sendSpans(transactionId: string) {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      "service.name": COMMON.source,
      "crossdock.workflow": COMMON.workflow,
      "crossdock.site": COMMON.site,
      "crossdock.target_system": COMMON.target,
    }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer("mule-central");
  const KIND: Record<string, SpanKind> = {
    source_api: SpanKind.SERVER,
    middleware: SpanKind.INTERNAL,
    broker: SpanKind.PRODUCER,
    target_api: SpanKind.CLIENT,
  };
  for (const step of FLOW) {
    const attributes: Attributes = {
      "crossdock.transaction_id": transactionId,
      "crossdock.business_key": COMMON.businessKey,
      "crossdock.ref.shipment_id": COMMON.refs.shipmentId,
      "crossdock.ref.load_id": COMMON.refs.loadId,
      "crossdock.ref.order_id": COMMON.refs.orderId,
      ...(step.layer === "target_api" ? { "crossdock.stage": "delivered" } : {}),
      ...(step.attempt ? { "crossdock.attempt": step.attempt } : {}),
      ...(step.value ? { "crossdock.value.amount": 1200.5, "crossdock.value.currency": "USD" } : {}),
      ...(step.error
        ? { "crossdock.error.code": step.error.code, "crossdock.error.retryable": step.error.retryable }
        : {}),
    };
    const span = tracer.startSpan(`${step.stage} ${SHIPMENT}`, {
      kind: KIND[step.layer],
      startTime: T0 + step.at,
      attributes,
    });
    if (step.error) span.setStatus({ code: SpanStatusCode.ERROR, message: step.error.message });
    span.end(T0 + step.at + step.ms);
  }
  await provider.forceFlush();
  const exporter = new OTLPTraceExporter({
    url: `${server.url}/v1/traces`,
    headers: { authorization: `Bearer ${key}` },
  });
  const result = await new Promise<ExportResult>((resolve) => exporter.export(memory.getFinishedSpans(), resolve));
  expect(result.code).toBe(ExportResultCode.SUCCESS);
  await exporter.shutdown();
}

async function readBack(transactionId: string): Promise<TransactionDetail> {
  const lookup = await getTransaction(db.prisma, transactionId);
  if (!("found" in lookup)) throw new Error(`${transactionId}: ${JSON.stringify(lookup)}`);
  return lookup.found;
}

// What a person sees of a transaction, without the parts that identify one delivery
// (ids, receive times, trace ids, event ids).
function comparable({ transaction: t, events }: TransactionDetail) {
  return {
    workflow: t.workflow,
    site: t.site,
    status: t.status,
    layer: t.layer,
    failedLayer: t.failedLayer,
    attempts: t.attempts,
    eventCount: t.eventCount,
    latencyMs: t.latencyMs,
    firstEventAt: t.firstEventAt,
    completedAt: t.completedAt,
    source: t.source,
    target: t.target,
    businessKey: t.businessKey,
    refs: t.refs,
    value: t.value,
    error: t.error,
    events: events.map((e) => ({
      stage: e.stage,
      layer: e.layer,
      occurredAt: e.occurredAt,
      durationMs: e.durationMs,
      attempt: e.attempt,
      error: e.error,
      source: e.source,
      target: e.target,
    })),
  };
}

describe("native, CloudEvents and OpenTelemetry ingest of the same flow", () => {
  it("read back the same through the transaction read model", async () => {
    await sendNative("TX-NATIVE-7001");
    await sendCloudEvents("TX-CE-7001");
    await sendSpans("TX-OTEL-7001");
    const native = comparable(await readBack("TX-NATIVE-7001"));
    // The reference itself is what the flow says, so agreeing with it means something.
    expect(native).toMatchObject({
      workflow: "shipment_confirmation",
      site: "central",
      status: "succeeded",
      layer: "target_api",
      failedLayer: "target_api",
      attempts: 2,
      eventCount: 5,
      latencyMs: 60_000,
      source: "wms-central",
      target: "erp-cloud",
      refs: { shipmentId: SHIPMENT, loadId: "L-77", orderId: "SO-5521", invoiceId: null, sku: null, customerId: null },
      value: { amount: "1200.5", currency: "USD" },
      error: { code: ERROR.code, message: ERROR.message },
    });
    expect(native.events.map((e) => `${e.stage}@${e.layer}:${e.durationMs}`)).toEqual([
      "received@source_api:30",
      "transformed@middleware:40",
      "published@broker:10",
      "failed@target_api:250",
      "delivered@target_api:120",
    ]);
    expect(native.events[3]!.error).toEqual({ code: ERROR.code, message: ERROR.message, retryable: true });

    expect(comparable(await readBack("TX-CE-7001"))).toEqual(native);
    expect(comparable(await readBack("TX-OTEL-7001"))).toEqual(native);
  });
});
