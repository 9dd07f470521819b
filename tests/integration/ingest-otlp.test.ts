import { gzipSync } from "node:zlib";
import { type Attributes, type Context, context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import { OTLPLogExporter as OTLPLogExporterJson } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as OTLPLogExporterProto } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as OTLPTraceExporterJson } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OTLPTraceExporterProto } from "@opentelemetry/exporter-trace-otlp-proto";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { JsonTraceSerializer, ProtobufLogsSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type LogRecordExporter,
  SimpleLogRecordProcessor,
} from "@opentelemetry/sdk-logs";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { ingest, newApiKey } from "../helpers/api";
import { useIngestServer } from "../helpers/otlp-server";
import { useTestDatabase } from "../helpers/test-database";

// OTLP/HTTP ingest, exercised with the OpenTelemetry JS SDK's own exporters (JSON and
// protobuf + gzip) against the real route handlers over HTTP.

// Small limits so the size and rate answers can be reached; read once, on first use.
const MAX_BODY = 200_000;
const RATE_LIMIT = 20;
process.env.INGEST_MAX_BODY_BYTES = String(MAX_BODY);
process.env.INGEST_RATE_LIMIT_REQUESTS = String(RATE_LIMIT);
process.env.INGEST_RATE_LIMIT_WINDOW_SECONDS = "60";

const db = useTestDatabase();
const server = useIngestServer();

const T0 = Date.parse("2026-11-02T09:00:00Z");
const RESOURCE = {
  "service.name": "mule-east",
  "crossdock.site": "east",
  "crossdock.workflow": "shipment_confirmation",
};

// Exports the spans of one shipment confirmation: received at the WMS API (server), mapped
// (internal), published (producer on a queue), then a failed call to the ERP (client,
// exception event), all children of the server span.
function recordShipmentFlow(tracer: ReturnType<BasicTracerProvider["getTracer"]>, shipmentId: string): string {
  const refs = {
    "crossdock.business_key": shipmentId,
    "crossdock.ref.shipment_id": shipmentId,
    "crossdock.ref.load_id": `L-${shipmentId}`,
  };
  const root = tracer.startSpan("POST /shipments", {
    kind: SpanKind.SERVER,
    startTime: T0,
    attributes: { ...refs, "crossdock.value.amount": "1200.50", "crossdock.value.currency": "usd" },
  });
  const ctx = trace.setSpan(context.active(), root);
  const child = (
    name: string,
    kind: SpanKind,
    at: number,
    ms: number,
    attributes: Attributes,
    end?: (span: ReturnType<typeof tracer.startSpan>) => void,
  ) => {
    const span = tracer.startSpan(
      name,
      { kind, startTime: T0 + at, attributes: { ...refs, ...attributes } },
      ctx as Context,
    );
    end?.(span);
    span.end(T0 + at + ms);
  };
  child("map shipment", SpanKind.INTERNAL, 100, 40, {});
  child("publish shipments.confirmed", SpanKind.PRODUCER, 200, 10, {
    "messaging.system": "rabbitmq",
    "messaging.destination.name": "shipments.confirmed",
  });
  child(
    "POST erp /invoices",
    SpanKind.CLIENT,
    300,
    250,
    { "peer.service": "erp-cloud", "http.response.status_code": 422 },
    (span) => {
      span.recordException({ name: "CustomerMasterValidation", message: `customer C-9 unknown for ${shipmentId}` });
      span.setStatus({ code: SpanStatusCode.ERROR });
    },
  );
  root.end(T0 + 50);
  return root.spanContext().traceId;
}

// Records what each export came back with, so a test can tell success from failure.
class RecordingExporter implements SpanExporter {
  results: ExportResult[] = [];
  constructor(private inner: SpanExporter) {}
  export(spans: ReadableSpan[], done: (r: ExportResult) => void) {
    this.inner.export(spans, (r) => {
      this.results.push(r);
      done(r);
    });
  }
  shutdown() {
    return this.inner.shutdown();
  }
  forceFlush() {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

async function exportWith(
  inner: SpanExporter,
  record: (tracer: ReturnType<BasicTracerProvider["getTracer"]>) => void,
  resource: Attributes = RESOURCE,
) {
  const exporter = new RecordingExporter(inner);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  record(provider.getTracer("crossdock-test"));
  await provider.forceFlush();
  await provider.shutdown();
  return exporter.results;
}

// ReadableSpans without sending them, for hand-made requests. (Shutting the provider
// down would empty the in-memory exporter, so it is only flushed.)
async function spansOf(
  record: (tracer: ReturnType<BasicTracerProvider["getTracer"]>) => void,
  resource: Attributes = RESOURCE,
): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  record(provider.getTracer("crossdock-test"));
  await provider.forceFlush();
  return memory.getFinishedSpans();
}

async function storedEvents(transactionId: string) {
  const { rows } = await db.pool.query(
    `SELECT e.event_id, e.stage, e.layer, e.occurred_at, e.duration_ms, e.source_system, e.target_system, e.site, e.business_key,
            e.refs, e.value_amount::text AS amount, e.value_currency, e.error_code, e.error_message, e.span_id, e.parent_span_id
     FROM events e JOIN transactions t ON t.id = e.transaction_id WHERE t.external_id = $1 ORDER BY e.occurred_at, e.event_id`,
    [transactionId],
  );
  return rows;
}

async function transactionRow(transactionId: string) {
  const { rows } = await db.pool.query(
    `SELECT status, failed_layer, error_code, event_count, load_id, shipment_id, site_id IS NOT NULL AS has_site FROM transactions WHERE external_id = $1`,
    [transactionId],
  );
  return rows[0];
}

function post(path: string, key: string | null, body: Uint8Array | string, headers: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === "string" ? body : Buffer.from(body),
  });
}

const PROTOBUF = { "content-type": "application/x-protobuf" };
const JSON_TYPE = { "content-type": "application/json" };

describe("POST /v1/traces with the SDK's exporters", () => {
  it("JSON: each span becomes an event of the trace's transaction, layer from the span kind, failure from status and exception", async () => {
    const key = await newApiKey(db.pool, "otel-json");
    let traceId = "";
    const results = await exportWith(
      new OTLPTraceExporterJson({ url: `${server.url}/v1/traces`, headers: { authorization: `Bearer ${key}` } }),
      (tracer) => {
        traceId = recordShipmentFlow(tracer, "SHP-OT-1");
      },
    );
    expect(results.map((r) => r.code)).toEqual([
      ExportResultCode.SUCCESS,
      ExportResultCode.SUCCESS,
      ExportResultCode.SUCCESS,
      ExportResultCode.SUCCESS,
    ]);
    const events = await storedEvents(traceId);
    expect(events.map((e) => [e.stage, e.layer, e.duration_ms, e.target_system])).toEqual([
      ["received", "source_api", 50, null],
      ["transformed", "middleware", 40, null],
      ["published", "broker", 10, null],
      ["failed", "target_api", 250, "erp-cloud"],
    ]);
    const [root, , , failed] = events;
    expect(root).toMatchObject({
      source_system: "mule-east",
      site: "east",
      business_key: "SHP-OT-1",
      amount: "1200.5000",
      value_currency: "USD",
      parent_span_id: null,
    });
    expect(root.event_id).toBe(`otlp:${traceId}:${root.span_id}`);
    expect(failed).toMatchObject({
      error_code: "CustomerMasterValidation",
      error_message: "customer C-9 unknown for SHP-OT-1",
      parent_span_id: root.span_id,
    });
    expect(failed.refs).toEqual({ shipmentId: "SHP-OT-1", loadId: "L-SHP-OT-1" });
    expect(await transactionRow(traceId)).toEqual({
      status: "failed",
      failed_layer: "target_api",
      error_code: "CustomerMasterValidation",
      event_count: 4,
      load_id: "L-SHP-OT-1",
      shipment_id: "SHP-OT-1",
      has_site: true,
    });
  });

  it("protobuf with gzip: the same flow is stored the same way; exporting the same spans again adds no event", async () => {
    const key = await newApiKey(db.pool, "otel-proto");
    const spans = await spansOf((tracer) => recordShipmentFlow(tracer, "SHP-OT-2"));
    const traceId = spans[0]!.spanContext().traceId;
    const exporter = new OTLPTraceExporterProto({
      url: `${server.url}/v1/traces`,
      headers: { authorization: `Bearer ${key}` },
      compression: CompressionAlgorithm.GZIP,
    });
    const send = () => new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
    expect((await send()).code).toBe(ExportResultCode.SUCCESS);
    expect((await send()).code).toBe(ExportResultCode.SUCCESS);
    const events = await storedEvents(traceId);
    expect(events.map((e) => `${e.stage}@${e.layer}`)).toEqual([
      "received@source_api",
      "transformed@middleware",
      "published@broker",
      "failed@target_api",
    ]);
    expect(events[3]).toMatchObject({ error_code: "CustomerMasterValidation", target_system: "erp-cloud" });
    expect((await transactionRow(traceId)).event_count).toBe(4);
    await exporter.shutdown();
  });

  it("answers 401 without a valid API key, and the exporter reports the failure", async () => {
    const exporter = new OTLPTraceExporterJson({
      url: `${server.url}/v1/traces`,
      headers: { authorization: "Bearer cdk_nope_nope" },
    });
    const spans = await spansOf((tracer) => tracer.startSpan("x").end());
    const result = await new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(String(result.error)).toMatch(/Unauthorized/);
    const res = await post("/v1/traces", null, "{}", JSON_TYPE);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
    expect(await res.json()).toMatchObject({ code: 16, message: expect.stringMatching(/Missing API key/) });
  });
});

describe("POST /v1/traces partial success", () => {
  const incomplete = (tracer: ReturnType<BasicTracerProvider["getTracer"]>) => {
    const ok = tracer.startSpan("deliver", {
      kind: SpanKind.CLIENT,
      startTime: T0,
      attributes: { "crossdock.workflow": "goods_receipt", "crossdock.stage": "acknowledged" },
    });
    ok.end(T0 + 5);
    tracer.startSpan("no workflow", { kind: SpanKind.INTERNAL, startTime: T0 }).end(T0 + 1);
    tracer
      .startSpan("bad layer", {
        startTime: T0,
        attributes: { "crossdock.workflow": "goods_receipt", "crossdock.layer": "erp" },
      })
      .end(T0 + 1);
  };

  it("protobuf: counts rejected spans, names each span and attribute, keeps the valid one; the response decodes with the SDK", async () => {
    const key = await newApiKey(db.pool, "otel-partial");
    const spans = await spansOf(incomplete, { "service.name": "wms-east" });
    const res = await post("/v1/traces", key, ProtobufTraceSerializer.serializeRequest(spans)!, PROTOBUF);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    const answer = ProtobufTraceSerializer.deserializeResponse(new Uint8Array(await res.arrayBuffer()));
    expect(Number(answer.partialSuccess?.rejectedSpans)).toBe(2);
    const noWorkflow = spans.find((s) => s.name === "no workflow")!.spanContext();
    const badLayer = spans.find((s) => s.name === "bad layer")!.spanContext();
    expect(answer.partialSuccess?.errorMessage).toContain(
      `span ${noWorkflow.spanId} of trace ${noWorkflow.traceId} ("no workflow"): crossdock.workflow is required`,
    );
    expect(answer.partialSuccess?.errorMessage).toMatch(
      new RegExp(`span ${badLayer.spanId} .*"bad layer"\\): crossdock\\.layer Invalid option`),
    );
    const kept = spans.find((s) => s.name === "deliver")!.spanContext();
    expect(await storedEvents(kept.traceId)).toMatchObject([
      { stage: "acknowledged", layer: "target_api", source_system: "wms-east" },
    ]);
    expect(await storedEvents(noWorkflow.traceId)).toEqual([]);
  });

  it("JSON: the same counts in an ExportTraceServiceResponse; a fully accepted export has no partialSuccess", async () => {
    const key = await newApiKey(db.pool, "otel-partial-json");
    const spans = await spansOf(incomplete);
    const body = Buffer.from(JsonTraceSerializer.serializeRequest(spans)!);
    // the resource names a workflow, so only the bad layer is rejected now
    const res = await post("/v1/traces", key, body, JSON_TYPE);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const answer = await res.json();
    expect(answer.partialSuccess.rejectedSpans).toBe("1");
    expect(answer.partialSuccess.errorMessage).toMatch(
      /^1 span rejected: span [0-9a-f]{16} of trace [0-9a-f]{32} \("bad layer"\): crossdock\.layer/,
    );

    const good = await spansOf((tracer) => tracer.startSpan("ok", { startTime: T0 }).end(T0 + 1));
    const clean = await post("/v1/traces", key, Buffer.from(JsonTraceSerializer.serializeRequest(good)!), JSON_TYPE);
    expect(await clean.json()).toEqual({});
  });
});

describe("POST /v1/traces refusals", () => {
  it("400 with a google.rpc.Status for a body that does not decode, in the request's encoding", async () => {
    const key = await newApiKey(db.pool, "otel-400");
    const proto = await post("/v1/traces", key, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), PROTOBUF);
    expect(proto.status).toBe(400);
    expect(proto.headers.get("content-type")).toBe("application/x-protobuf");
    expect((await proto.arrayBuffer()).byteLength).toBeGreaterThan(2);
    const json = await post("/v1/traces", key, '{"resourceSpans": [', JSON_TYPE);
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: 3, message: expect.stringMatching(/not valid JSON/) });
    const shape = await post("/v1/traces", key, '{"resourceSpans": {"spans": 1}}', JSON_TYPE);
    expect(shape.status).toBe(400);
    expect((await shape.json()).message).toMatch(/resourceSpans/);
    const type = await post("/v1/traces", key, "{}", { "content-type": "text/plain" });
    expect(type.status).toBe(415);
  });

  it("413 for a body over the limit, and for a small gzip that inflates past it", async () => {
    const key = await newApiKey(db.pool, "otel-413");
    const big = await post("/v1/traces", key, Buffer.alloc(MAX_BODY + 1, 0x20), JSON_TYPE);
    expect(big.status).toBe(413);
    const bomb = gzipSync(Buffer.alloc(MAX_BODY * 20, 0x20));
    expect(bomb.byteLength).toBeLessThan(MAX_BODY / 10);
    const inflated = await post("/v1/traces", key, bomb, { ...JSON_TYPE, "content-encoding": "gzip" });
    expect(inflated.status).toBe(413);
    expect((await inflated.json()).message).toMatch(/inflated request body exceeds the limit of 200000 bytes/);
    // just under the limit once inflated is fine (an empty export: whitespace)
    const fits = await post("/v1/traces", key, gzipSync(Buffer.alloc(MAX_BODY - 10, 0x20)), {
      ...JSON_TYPE,
      "content-encoding": "gzip",
    });
    expect(fits.status).toBe(200);
  });

  it("429 with Retry-After once an API key passes its rate, on OTLP and the native API alike; other keys go on", async () => {
    const key = await newApiKey(db.pool, "otel-429");
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++) statuses.push((await post("/v1/traces", key, "{}", JSON_TYPE)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await post("/v1/traces", key, "{}", JSON_TYPE);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ code: 8 });
    const native = await ingest(key, { events: [] });
    expect(native.status).toBe(429);
    expect(Number(native.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const other = await newApiKey(db.pool, "otel-429-other");
    expect((await post("/v1/traces", other, "{}", JSON_TYPE)).status).toBe(200);
  });
});

describe("POST /v1/logs with the SDK's exporters", () => {
  async function emitLogs(exporter: LogRecordExporter, transactionId: string, shutdown = true) {
    const provider = new LoggerProvider({
      resource: resourceFromAttributes(RESOURCE),
      processors: [new SimpleLogRecordProcessor({ exporter })],
    });
    const logger = provider.getLogger("crossdock-test");
    const common = { "crossdock.transaction_id": transactionId, "crossdock.ref.order_id": `O-${transactionId}` };
    logger.emit({
      timestamp: T0,
      severityNumber: SeverityNumber.INFO,
      body: "received",
      attributes: { ...common, "crossdock.stage": "received", "crossdock.layer": "source_api" },
    });
    logger.emit({
      timestamp: T0 + 1000,
      severityNumber: SeverityNumber.ERROR,
      body: "ERP rejected the order: credit block",
      attributes: {
        ...common,
        "crossdock.layer": "target_api",
        "crossdock.error.code": "CREDIT_BLOCK",
        "crossdock.error.retryable": "false",
      },
    });
    logger.emit({
      timestamp: T0 + 2000,
      severityNumber: SeverityNumber.INFO,
      body: "no stage",
      attributes: { ...common },
    });
    await provider.forceFlush();
    if (shutdown) await provider.shutdown();
  }

  for (const [encoding, make] of [
    [
      "JSON",
      (key: string) =>
        new OTLPLogExporterJson({ url: `${server.url}/v1/logs`, headers: { authorization: `Bearer ${key}` } }),
    ],
    [
      "protobuf + gzip",
      (key: string) =>
        new OTLPLogExporterProto({
          url: `${server.url}/v1/logs`,
          headers: { authorization: `Bearer ${key}` },
          compression: CompressionAlgorithm.GZIP,
        }),
    ],
  ] as const) {
    it(`${encoding}: log records become events; severity ERROR is a failure with the body as message; a record without a stage is rejected`, async () => {
      const key = await newApiKey(db.pool, `otel-logs-${encoding.length}`);
      const tx = `TX-LOG-${encoding.length}`;
      await emitLogs(make(key), tx);
      const events = await storedEvents(tx);
      expect(events.map((e) => [e.stage, e.layer, e.error_code, e.error_message, e.source_system])).toEqual([
        ["received", "source_api", null, null, "mule-east"],
        ["failed", "target_api", "CREDIT_BLOCK", "ERP rejected the order: credit block", "mule-east"],
      ]);
      expect(events[0].event_id).toMatch(/^otlp-log:[0-9a-f]{32}$/);
      expect(await transactionRow(tx)).toMatchObject({ status: "failed", failed_layer: "target_api", event_count: 2 });
    });
  }

  it("re-sending the same log export adds nothing; partialSuccess counts the rejected record", async () => {
    const key = await newApiKey(db.pool, "otel-logs-again");
    const memory = new InMemoryLogRecordExporter();
    await emitLogs(memory, "TX-LOG-AGAIN", false);
    const body = ProtobufLogsSerializer.serializeRequest(memory.getFinishedLogRecords())!;
    for (let i = 0; i < 2; i++) {
      const res = await post("/v1/logs", key, body, PROTOBUF);
      expect(res.status).toBe(200);
      const answer = ProtobufLogsSerializer.deserializeResponse(new Uint8Array(await res.arrayBuffer()));
      expect(Number(answer.partialSuccess?.rejectedLogRecords)).toBe(1);
      expect(answer.partialSuccess?.errorMessage).toMatch(
        /crossdock\.stage is required on a log record below severity ERROR/,
      );
    }
    expect((await transactionRow("TX-LOG-AGAIN")).event_count).toBe(2);
  });
});
