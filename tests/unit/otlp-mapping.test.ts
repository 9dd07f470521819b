import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { toAttributes } from "@/lib/ingest/otlp/attributes";
import { refName } from "@/lib/ingest/otlp/crossdock-attributes";
import { decodeSpans } from "@/lib/ingest/otlp/decode";
import { mapLogRecord } from "@/lib/ingest/otlp/map-log-record";
import { mapSpan } from "@/lib/ingest/otlp/map-span";
import type { SpanKind as Kind, OtlpLogRecord, OtlpSpan } from "@/lib/ingest/otlp/otlp-request";
import { describeRejections, parseMapped } from "@/lib/ingest/otlp/parse-otlp";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";
const T0 = 1_793_000_000_000n * 1_000_000n;
const LIMITS = { maxEvents: 100, maxPayloadBytes: 1000 };

const attrs = (o: Record<string, string | number | boolean>) =>
  toAttributes(
    Object.entries(o).map(([key, v]) => ({
      key,
      value:
        typeof v === "string"
          ? { stringValue: v }
          : typeof v === "boolean"
            ? { boolValue: v }
            : Number.isInteger(v)
              ? { intValue: String(v) }
              : { doubleValue: v },
    })),
  );

function span(
  kind: Kind,
  attributes: Record<string, string | number | boolean> = {},
  more: Partial<OtlpSpan> = {},
): OtlpSpan {
  return {
    traceId: TRACE,
    spanId: SPAN,
    parentSpanId: "",
    name: "step",
    kind,
    startNanos: T0,
    endNanos: T0 + 42_000_000n,
    attributes: attrs(attributes),
    resource: attrs({ "service.name": "mule-east", "crossdock.workflow": "order_release" }),
    events: [],
    status: { error: false, message: "" },
    ...more,
  };
}

describe("span -> event", () => {
  it("takes layer and default stage from the span kind, time and duration from start and end, the trace as transaction", () => {
    const cases: [Kind, string, string][] = [
      ["server", "source_api", "received"],
      ["internal", "middleware", "transformed"],
      ["producer", "broker", "published"],
      ["consumer", "broker", "published"],
      ["client", "target_api", "delivered"],
      ["unspecified", "middleware", "transformed"],
    ];
    for (const [kind, layer, stage] of cases) {
      expect(mapSpan(span(kind)).native, kind).toMatchObject({
        layer,
        stage,
        transactionId: TRACE,
        durationMs: 42,
        occurredAt: new Date(Number(T0 / 1_000_000n)).toISOString(),
      });
    }
    expect(mapSpan(span("server")).native).toMatchObject({
      id: `otlp:${TRACE}:${SPAN}`,
      workflow: "order_release",
      source: "mule-east",
      traceId: TRACE,
      spanId: SPAN,
    });
  });

  it("lets crossdock.* attributes win over the kind, the conventions and the resource", () => {
    const m = mapSpan(
      span("client", {
        "crossdock.layer": "middleware",
        "crossdock.stage": "acknowledged",
        "crossdock.workflow": "goods_receipt",
        "crossdock.source_system": "wms-south",
        "crossdock.transaction_id": "TX-1",
        "crossdock.event_id": "E-1",
      }),
    );
    expect(m.native).toMatchObject({
      layer: "middleware",
      stage: "acknowledged",
      workflow: "goods_receipt",
      source: "wms-south",
      transactionId: "TX-1",
      id: "E-1",
    });
  });

  it("reads messaging spans as the broker, and only outgoing spans' peers as the target", () => {
    expect(mapSpan(span("internal", { "messaging.system": "kafka" })).native.layer).toBe("broker");
    expect(
      mapSpan(span("client", { "peer.service": "erp-cloud", "server.address": "erp.example.com" })).native.target,
    ).toBe("erp-cloud");
    expect(mapSpan(span("producer", { "server.address": "mq.example.com" })).native.target).toBe("mq.example.com");
    expect(mapSpan(span("server", { "server.address": "wms.example.com" })).native.target).toBeUndefined();
  });

  it("ignores the SDKs' unknown_service placeholder as a source", () => {
    const s = span("server");
    s.resource = attrs({ "service.name": "unknown_service:node", "crossdock.workflow": "w" });
    expect(mapSpan(s).native.source).toBeUndefined();
  });

  it("makes a span with status ERROR a failed step: status message, else the exception event; an explicit failure stage stays", () => {
    const exception = [
      {
        name: "exception",
        timeNanos: T0,
        attributes: attrs({ "exception.type": "TimeoutError", "exception.message": "ERP did not answer in 30 s" }),
      },
    ];
    const failed = mapSpan(
      span("client", { "crossdock.stage": "delivered" }, { status: { error: true, message: "" }, events: exception }),
    );
    expect(failed.native).toMatchObject({
      stage: "failed",
      layer: "target_api",
      error: { code: "TimeoutError", message: "ERP did not answer in 30 s" },
    });
    const withStatus = mapSpan(
      span("client", {}, { status: { error: true, message: "502 from ERP" }, events: exception }),
    );
    expect(withStatus.native.error).toMatchObject({ code: "TimeoutError", message: "502 from ERP" });
    expect(
      mapSpan(span("producer", { "crossdock.stage": "dead_lettered" }, { status: { error: true, message: "x" } }))
        .native.stage,
    ).toBe("dead_lettered");
    const ok = mapSpan(span("client"));
    expect(ok.native.error).toBeUndefined();
  });

  it("counts an HTTP 5xx as a failure with the status as code; crossdock.error.* win", () => {
    expect(mapSpan(span("client", { "http.response.status_code": 503 })).native).toMatchObject({
      stage: "failed",
      error: { code: "HTTP_503" },
    });
    expect(mapSpan(span("client", { "http.response.status_code": 404 })).native.stage).toBe("delivered");
    const explicit = mapSpan(
      span("client", {
        "http.response.status_code": 500,
        "crossdock.error.code": "ERP_DOWN",
        "crossdock.error.retryable": "true",
      }),
    );
    expect(explicit.native.error).toMatchObject({ code: "ERP_DOWN", retryable: true });
  });

  it("maps refs, value, site and business key", () => {
    const m = mapSpan(
      span("server", {
        "crossdock.ref.load_id": "L-77",
        "crossdock.ref.purchase_order_id": "PO-1",
        "crossdock.value.amount": 99.5,
        "crossdock.value.currency": "eur",
        "crossdock.site": "east",
        "crossdock.business_key": "SHP-1",
      }),
    );
    expect(m.native).toMatchObject({
      refs: { loadId: "L-77", purchaseOrderId: "PO-1" },
      value: { amount: 99.5, currency: "eur" },
      site: "east",
      businessKey: "SHP-1",
    });
    expect(refName("customer_id")).toBe("customerId");
  });
});

describe("span validation", () => {
  it("rejects spans that lack what Crossdock needs, naming the span and the attribute; the others go on", () => {
    const noWorkflow = span("server", {}, { spanId: "1111111111111111", name: "POST /orders" });
    noWorkflow.resource = attrs({});
    const badIds = span("server", {}, { traceId: "xyz", spanId: "" });
    const backwards = span("server", {}, { spanId: "2222222222222222", endNanos: T0 - 1n });
    const badValue = span(
      "server",
      { "crossdock.value.amount": "12,5", "crossdock.value.currency": "USD" },
      { spanId: "3333333333333333" },
    );
    const { batch, labels } = parseMapped(
      [span("server"), noWorkflow, badIds, backwards, badValue].map(mapSpan),
      "spans",
      LIMITS,
    );
    expect(batch.items.map((i) => i.index)).toEqual([0]);
    const errors = Object.fromEntries(
      batch.rejected.map((r) => [r.index, r.status === "rejected" ? r.errors.map((e) => e.path) : []]),
    );
    expect(errors).toEqual({
      1: ["crossdock.workflow"],
      2: ["traceId", "spanId"],
      3: ["endTimeUnixNano"],
      4: ["crossdock.value.amount"],
    });
    const message = describeRejections(batch.rejected, labels, "spans");
    expect(message).toMatch(
      /^4 spans rejected: span 1111111111111111 of trace 4bf92f3577b34da6a3ce929d0e0e4736 \("POST \/orders"\): crossdock\.workflow is required/,
    );
    expect(describeRejections(batch.rejected, labels, "spans", 2)).toMatch(/; and 2 more$/);
  });

  it("refuses an export with more spans than a batch may hold, as a whole", () => {
    expect(() =>
      parseMapped([span("server"), span("server")].map(mapSpan), "spans", { ...LIMITS, maxEvents: 1 }),
    ).toThrow(AppError);
  });
});

describe("log record -> event", () => {
  const record = (
    attributes: Record<string, string | number | boolean>,
    more: Partial<OtlpLogRecord> = {},
  ): OtlpLogRecord => ({
    traceId: TRACE,
    spanId: SPAN,
    timeNanos: T0,
    observedNanos: null,
    severityNumber: 9,
    severityText: "INFO",
    body: { stringValue: "ERP said no" },
    attributes: attrs(attributes),
    resource: attrs({ "crossdock.workflow": "invoice_posting", "service.name": "boomi" }),
    ...more,
  });

  it("needs a stage below ERROR; ERROR and above are failures with the body as message", () => {
    expect(mapLogRecord(record({})).problems.map((p) => p.path)).toEqual(["crossdock.stage"]);
    expect(mapLogRecord(record({ "crossdock.stage": "published" })).native).toMatchObject({
      stage: "published",
      layer: "middleware",
      transactionId: TRACE,
      source: "boomi",
    });
    expect(mapLogRecord(record({}, { severityNumber: 17 })).native).toMatchObject({
      stage: "failed",
      error: { message: "ERP said no" },
    });
    expect(
      mapLogRecord(record({ "crossdock.stage": "failed", "exception.type": "Rejected" })).native.error,
    ).toMatchObject({ code: "Rejected" });
  });

  it("needs a transaction id when there is no trace; derives a stable event id from the record", () => {
    expect(
      mapLogRecord(record({ "crossdock.stage": "received" }, { traceId: "", spanId: "" })).problems.map((p) => p.path),
    ).toEqual(["crossdock.transaction_id"]);
    const a = mapLogRecord(record({ "crossdock.stage": "received" })).native.id;
    expect(mapLogRecord(record({ "crossdock.stage": "received" })).native.id).toBe(a);
    expect(
      mapLogRecord(record({ "crossdock.stage": "received" }, { body: { stringValue: "other" } })).native.id,
    ).not.toBe(a);
    expect(mapLogRecord(record({ "crossdock.stage": "received" }, { timeNanos: T0 + 1n })).native.id).not.toBe(a);
  });
});

describe("decoding", () => {
  it("reads the same spans from the SDK's protobuf and JSON encodings of one export", async () => {
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "crossdock.workflow": "w", big: 2 ** 60 }),
      spanProcessors: [new SimpleSpanProcessor(memory)],
    });
    const tracer = provider.getTracer("t");
    const root = tracer.startSpan("root", {
      kind: SpanKind.SERVER,
      startTime: 1_793_000_000_123,
      attributes: { "crossdock.ref.load_id": "L-1", n: 7, ok: true, list: ["a", "b"] },
    });
    root.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
    root.end(1_793_000_000_223);
    await provider.forceFlush();
    const spans = memory.getFinishedSpans();
    const fromProto = decodeSpans("protobuf", Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!));
    const fromJson = decodeSpans("json", Buffer.from(JsonTraceSerializer.serializeRequest(spans)!));
    expect(fromProto).toEqual(fromJson);
    const [s] = fromProto;
    expect(s).toMatchObject({
      traceId: root.spanContext().traceId,
      spanId: root.spanContext().spanId,
      kind: "server",
      startNanos: 1_793_000_000_123_000_000n,
      status: { error: true, message: "boom" },
    });
    expect(Object.fromEntries(s!.attributes)).toEqual({
      "crossdock.ref.load_id": "L-1",
      n: 7,
      ok: true,
      list: ["a", "b"],
    });
  });
});
