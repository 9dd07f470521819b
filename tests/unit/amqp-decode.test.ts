import { describe, expect, it } from "vitest";
import { deadLetterMessage } from "@/lib/ingest/amqp/dead-letter";
import { type AmqpMessageProperties, decodeMessage } from "@/lib/ingest/amqp/decode-message";

// Broker messages -> the parsed items the HTTP API would make of the same body.
const limits = { maxEvents: 10, maxPayloadBytes: 1000 };
const event = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  transactionId: "TX-1",
  workflow: "shipment_confirmation",
  stage: "received",
  layer: "source_api",
  occurredAt: "2026-11-02T09:00:00Z",
  ...extra,
});
const body = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value));

function decode(content: unknown, props: AmqpMessageProperties = {}) {
  const decoded = decodeMessage(body(content), props, 10_000);
  if (!decoded.ok) throw new Error(`undecodable: ${decoded.reason}`);
  return { ...decoded, batch: decoded.parse(limits) };
}

function reasonOf(content: unknown, props: AmqpMessageProperties = {}, maxBytes = 10_000): string {
  const decoded = decodeMessage(body(content), props, maxBytes);
  if (decoded.ok) throw new Error("expected the message to be undecodable");
  return decoded.reason;
}

const binaryHeaders = {
  cloudEvents_specversion: "1.0",
  cloudEvents_id: "SHP-9-ack",
  cloudEvents_source: "/wms/east",
  cloudEvents_type: "com.example.shipment_confirmation.acknowledged",
  cloudEvents_time: "2026-11-02T09:00:00Z",
};

describe("format detection", () => {
  it("reads a body without content type, or with a JSON one, as the native format", () => {
    expect(decode(event("E-1")).format).toBe("native");
    expect(
      decode(
        { events: [event("E-1"), event("E-2")] },
        { contentType: "application/json; charset=utf-8" },
      ).batch.items.map((i) => i.event.eventId),
    ).toEqual(["E-1", "E-2"]);
  });

  it("tells CloudEvents structured and batched apart by content type, binary by cloudEvents_ headers", () => {
    const ce = {
      specversion: "1.0",
      id: "1",
      source: "/s",
      type: "x.shipment_confirmation.received",
      time: "2026-11-02T09:00:00Z",
      data: { transactionId: "TX-1", layer: "broker" },
    };
    expect(decode(ce, { contentType: "application/cloudevents+json; charset=UTF-8" }).format).toBe(
      "cloudevents-structured",
    );
    expect(decode([ce], { contentType: "application/cloudevents-batch+json" }).format).toBe("cloudevents-batched");
    expect(
      decode({ transactionId: "TX-1", layer: "broker" }, { contentType: "application/json", headers: binaryHeaders })
        .format,
    ).toBe("cloudevents-binary");
  });

  it("refuses other CloudEvents formats and non-JSON content types, naming the property", () => {
    expect(reasonOf("x", { contentType: "application/cloudevents+avro" })).toMatch(
      /^content_type: the event format 'application\/cloudevents\+avro' is not supported/,
    );
    expect(reasonOf(event("E-1"), { contentType: "text/plain" })).toMatch(/^content_type: 'text\/plain' is not JSON/);
    expect(reasonOf(event("E-1"), { contentEncoding: "gzip" })).toMatch(/^content_encoding: 'gzip' is not supported/);
  });
});

describe("undecodable bodies", () => {
  it("says where malformed JSON breaks", () => {
    expect(reasonOf("not json at all")).toMatch(
      /^body: malformed JSON: syntax error at line 1, column 1 \(position 0\)/,
    );
    expect(reasonOf('{"id": "E-1",}')).toMatch(/position 13/);
  });

  it("refuses an empty or too large body", () => {
    expect(reasonOf("  ")).toMatch(/^body: empty/);
    expect(reasonOf(event("E-1"), {}, 20)).toMatch(/^body: \d+ bytes exceeds the limit of 20 bytes/);
  });

  it("refuses an invalid traceparent header, like the HTTP API", () => {
    expect(reasonOf(event("E-1"), { headers: { traceparent: "00-abc" } })).toMatch(
      /^header traceparent: is not a W3C traceparent/,
    );
  });
});

describe("CloudEvents binary mode (AMQP binding)", () => {
  it("maps cloudEvents_ and cloudEvents: headers onto the attributes; data is the body", () => {
    const data = { transactionId: "TX-B", layer: "target_api", businessKey: "SHP-9" };
    for (const sep of ["_", ":"]) {
      const headers = Object.fromEntries(Object.entries(binaryHeaders).map(([k, v]) => [k.replace("_", sep), v]));
      const { batch } = decode(data, { contentType: "application/json", headers });
      expect(batch.rejected).toEqual([]);
      expect(batch.items[0]!.event).toMatchObject({
        eventId: "/wms/east#SHP-9-ack",
        transactionExternalId: "TX-B",
        workflow: "shipment_confirmation",
        stage: "acknowledged",
        layer: "target_api",
        occurredAt: new Date("2026-11-02T09:00:00Z"),
      });
    }
  });

  it("reads an AMQP timestamp (as amqplib decodes it) as the time", () => {
    const headers = {
      ...binaryHeaders,
      cloudEvents_time: { "!": "timestamp", value: Date.parse("2026-11-03T10:30:00Z") / 1000 },
    };
    const { batch } = decode({ transactionId: "TX-B", layer: "broker" }, { headers });
    expect(batch.items[0]!.event.occurredAt).toEqual(new Date("2026-11-03T10:30:00Z"));
  });

  it("names the header a missing or wrong attribute should be in", () => {
    const { cloudEvents_id: _id, cloudEvents_specversion: _version, ...headers } = binaryHeaders;
    const { batch } = decode({ transactionId: "TX-B" }, { headers: { ...headers, "cloudEvents:specversion": "0.3" } });
    const paths = batch.rejected.flatMap((r) => (r.status === "rejected" ? r.errors.map((e) => e.path) : []));
    expect(paths).toEqual(expect.arrayContaining(["cloudEvents:specversion", "cloudEvents_id", "data.layer"]));
  });

  it("does not take a cloudEvents_data header for the data", () => {
    const { batch } = decode(
      { transactionId: "TX-B", layer: "broker" },
      { headers: { ...binaryHeaders, cloudEvents_data: "{}" } },
    );
    expect(batch.items[0]!.event.transactionExternalId).toBe("TX-B");
  });
});

describe("dead-lettering the rejected items of a batch", () => {
  it("keeps only the rejected items, in the message's own format", () => {
    const native = decode({ events: [event("E-1"), event("E-2", { layer: "moon" }), event("E-3")] });
    expect(native.batch.rejected.map((r) => r.index)).toEqual([1]);
    expect(JSON.parse(native.rejectedBody([1])!.toString())).toEqual({ events: [event("E-2", { layer: "moon" })] });

    const ce = {
      specversion: "1.0",
      id: "1",
      source: "/s",
      type: "x.shipment_confirmation.received",
      time: "2026-11-02T09:00:00Z",
      data: { transactionId: "TX-1", layer: "broker" },
    };
    const batched = decode([ce, { ...ce, id: "2", data: {} }], { contentType: "application/cloudevents-batch+json" });
    expect(JSON.parse(batched.rejectedBody([1])!.toString())).toEqual([{ ...ce, id: "2", data: {} }]);
  });

  it("sends a single-event message whole", () => {
    expect(decode(event("E-1")).rejectedBody([0])).toBeNull();
  });

  it("keeps the original properties and headers and adds the reason", () => {
    const original = {
      content: body("garbage"),
      properties: { contentType: "text/plain", messageId: "m-1", headers: { tenant: "acme" } } as never,
    };
    const { content, options } = deadLetterMessage(
      original,
      { body: null, reason: "body: malformed JSON", rejected: [] },
      "in.q",
      new Date("2026-11-02T09:00:00Z"),
    );
    expect(content.toString()).toBe("garbage");
    expect(options).toMatchObject({ contentType: "text/plain", messageId: "m-1", persistent: true });
    expect(options.headers).toEqual({
      tenant: "acme",
      "x-crossdock-error": "body: malformed JSON",
      "x-crossdock-source-queue": "in.q",
      "x-crossdock-dead-lettered-at": "2026-11-02T09:00:00.000Z",
    });
  });

  it("caps the per-item error list so the headers stay within what amqplib can encode", () => {
    const rejected = Array.from({ length: 2000 }, (_, index) => ({
      index,
      id: `E-${index}`,
      errors: [
        {
          path: `events[${index}].layer`,
          message: "Invalid option: expected one of source_api|middleware|broker|target_api",
        },
      ],
    }));
    const { options } = deadLetterMessage(
      { content: body("{}"), properties: {} as never },
      { body: null, reason: "r", rejected },
      "q",
    );
    const list = JSON.parse(options.headers["x-crossdock-rejected"]);
    expect(options.headers["x-crossdock-rejected"].length).toBeLessThanOrEqual(32_000);
    expect(list.at(-1).truncated).toBe(2000 - (list.length - 1));
    expect(list[0]).toEqual(rejected[0]);
  });
});
