import { CloudEvent, HTTP } from "cloudevents";
import { beforeAll, describe, expect, it } from "vitest";
import { removeCloudEventType, setCloudEventType, setCloudEventTypeSchema } from "@/lib/services/save-cloudevent-type";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { testActor } from "../helpers/actors";
import { ingest, ingestMessage, newApiKey } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { useTestDatabase } from "../helpers/test-database";

// CloudEvents 1.0 over HTTP, sent as the official JS SDK builds them.
const db = useTestDatabase();
let key: string;

beforeAll(async () => {
  key = await newApiKey(db.pool);
});

const TRACE = "0af7651916cd43dd8448eb211c80319c";
const PARENT = "b7ad6b7169203331";
const BATCH = "application/cloudevents-batch+json";

function shipmentEvent(
  shipmentId: string,
  stage: string,
  attrs: Record<string, unknown> = {},
  data: Record<string, unknown> = {},
) {
  return new CloudEvent({
    specversion: "1.0",
    source: "/wms/east",
    id: `${shipmentId}-${stage}`,
    type: `com.example.shipment_confirmation.${stage}`,
    time: "2026-11-02T09:00:00Z",
    ...attrs,
    data: {
      transactionId: `TX-${shipmentId}`,
      layer: "target_api",
      businessKey: shipmentId,
      refs: { shipmentId },
      ...data,
    },
  });
}

async function storedEvents(transactionId: string) {
  const { rows } = await db.pool.query(
    `SELECT e.event_id, e.workflow, e.stage, e.layer, e.occurred_at, e.trace_id, e.parent_span_id, e.business_key
     FROM events e JOIN transactions t ON t.id = e.transaction_id WHERE t.external_id = $1 ORDER BY e.occurred_at, e.event_id`,
    [transactionId],
  );
  return rows;
}

async function transaction(transactionId: string) {
  const { rows } = await db.pool.query(
    `SELECT status, trace_id, event_count FROM transactions WHERE external_id = $1`,
    [transactionId],
  );
  return rows[0];
}

describe("CloudEvents structured mode", () => {
  it("maps type to workflow and stage, time to occurredAt, traceparent to the trace; the event id is source#id", async () => {
    const ce = shipmentEvent("SHP-CE-1", "acknowledged", { traceparent: `00-${TRACE}-${PARENT}-01` });
    const message = HTTP.structured(ce);
    expect(message.headers["content-type"]).toMatch(/^application\/cloudevents\+json/);
    const res = await ingestMessage(key, message);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ index: 0, id: "/wms/east#SHP-CE-1-acknowledged", status: "accepted" }]);
    expect(await storedEvents("TX-SHP-CE-1")).toEqual([
      {
        event_id: "/wms/east#SHP-CE-1-acknowledged",
        workflow: "shipment_confirmation",
        stage: "acknowledged",
        layer: "target_api",
        occurred_at: new Date("2026-11-02T09:00:00Z"),
        trace_id: TRACE,
        parent_span_id: PARENT,
        business_key: "SHP-CE-1",
      },
    ]);
    expect(await transaction("TX-SHP-CE-1")).toEqual({ status: "succeeded", trace_id: TRACE, event_count: 1 });
  });

  it("lets the fields in data win over the type and time", async () => {
    const ce = shipmentEvent(
      "SHP-CE-2",
      "acknowledged",
      {},
      { workflow: "pallet_label_print", stage: "received", occurredAt: "2026-11-03T10:00:00+01:00" },
    );
    const res = await ingestMessage(key, HTTP.structured(ce));
    expect(res.status).toBe(200);
    expect(await storedEvents("TX-SHP-CE-2")).toMatchObject([
      { workflow: "pallet_label_print", stage: "received", occurred_at: new Date("2026-11-03T09:00:00Z") },
    ]);
  });

  it("rejects an event that misses required attributes, naming each", async () => {
    const res = await ingestMessage(key, {
      headers: { "content-type": "application/cloudevents+json" },
      body: {
        specversion: "0.3",
        id: "x-1",
        data: { transactionId: "TX-x", layer: "broker", stage: "received", workflow: "w" },
      },
    });
    expect(res.status).toBe(400);
    const errors = res.body.results[0].errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path).sort()).toEqual(["source", "specversion", "time", "type"]);
    expect(errors.find((e) => e.path === "specversion")!.message).toMatch(/must be "1.0"/);
  });
});

describe("CloudEvents binary mode", () => {
  it("reads the ce- headers and the data body; a re-send with the same source and id is a duplicate", async () => {
    const ce = shipmentEvent("SHP-CE-3", "delivered", { traceparent: `00-${TRACE}-${PARENT}-01` });
    const message = HTTP.binary(ce);
    expect(message.headers["ce-id"]).toBe("SHP-CE-3-delivered");
    const first = await ingestMessage(key, message);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 0 });
    const again = await ingestMessage(key, HTTP.binary(ce));
    expect(again.body).toMatchObject({
      accepted: 0,
      duplicates: 1,
      results: [{ id: "/wms/east#SHP-CE-3-delivered", status: "duplicate" }],
    });

    // The same id from another source is another event.
    const other = await ingestMessage(key, HTTP.binary(ce.cloneWith({ source: "/wms/west" })));
    expect(other.body).toMatchObject({ accepted: 1 });
    const stored = await storedEvents("TX-SHP-CE-3");
    expect(stored.map((e) => e.event_id).sort()).toEqual([
      "/wms/east#SHP-CE-3-delivered",
      "/wms/west#SHP-CE-3-delivered",
    ]);
    expect(stored.every((e) => e.stage === "delivered" && e.trace_id === TRACE && e.parent_span_id === PARENT)).toBe(
      true,
    );
  });

  it("names the header of a missing attribute and the data field of a bad one", async () => {
    const message = HTTP.binary(shipmentEvent("SHP-CE-4", "received", {}, { layer: "warp_drive" }));
    delete (message.headers as Record<string, unknown>)["ce-source"];
    const res = await ingestMessage(key, message);
    expect(res.status).toBe(400);
    expect(res.body.results[0].errors.map((e: { path: string }) => e.path).sort()).toEqual(["ce-source", "data.layer"]);
  });
});

describe("CloudEvents batched mode", () => {
  it("keeps the good events and rejects a bad one with its path", async () => {
    const events = [
      shipmentEvent("SHP-CE-5", "received", { time: "2026-11-02T09:00:00Z" }, { layer: "source_api" }),
      shipmentEvent("SHP-CE-5", "published", { time: "2026-11-02T09:00:01Z" }, { layer: "broker" }),
      shipmentEvent("SHP-CE-5", "transformed", {}, { layer: "middleware", stage: "teleported" }),
    ];
    const res = await ingestMessage(key, { headers: { "content-type": BATCH }, body: JSON.stringify(events) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 1 });
    expect(res.body.results[2]).toMatchObject({ index: 2, id: "/wms/east#SHP-CE-5-transformed", status: "rejected" });
    expect(res.body.results[2].errors.map((e: { path: string }) => e.path)).toEqual(["[2].data.stage"]);
    expect(await transaction("TX-SHP-CE-5")).toMatchObject({ status: "in_flight", event_count: 2 });
  });

  it("applies the traceparent request header to events without their own trace", async () => {
    const own = `00-${"1".repeat(32)}-${"2".repeat(16)}-01`;
    const events = [
      shipmentEvent("SHP-CE-6", "received", {}, { layer: "source_api" }),
      shipmentEvent("SHP-CE-6", "published", { traceparent: own }, { layer: "broker" }),
    ];
    const res = await ingestMessage(key, {
      headers: { "content-type": BATCH, traceparent: `00-${TRACE}-${PARENT}-01` },
      body: JSON.stringify(events),
    });
    expect(res.body.accepted).toBe(2);
    const byStage = Object.fromEntries((await storedEvents("TX-SHP-CE-6")).map((e) => [e.stage, e.trace_id]));
    expect(byStage).toEqual({ received: TRACE, published: "1".repeat(32) });
  });

  it("answers 400 for a body that is not an array, an empty batch, or every item rejected", async () => {
    expect((await ingestMessage(key, { headers: { "content-type": BATCH }, body: "{}" })).body.error.message).toMatch(
      /JSON array/,
    );
    expect((await ingestMessage(key, { headers: { "content-type": BATCH }, body: "[]" })).status).toBe(400);
    const res = await ingestMessage(key, { headers: { "content-type": BATCH }, body: "[1]" });
    expect(res.status).toBe(400);
    expect(res.body.results[0].errors[0].path).toBe("[0]");
  });
});

// Ordinary producers: a type that is just the workflow (or ends with it) and the stage in
// data, or a type in the producer's own scheme that an admin mapped; subject as the
// business key when data has none.
describe("CloudEvents types in the producer's own scheme", () => {
  const admin = testActor("admin");
  const map = (raw: Record<string, unknown>) => setCloudEventType(db.pool, admin, setCloudEventTypeSchema.parse(raw));
  beforeAll(async () => {
    await seedCatalogue(db.pool); // shipment_confirmation, goods_receipt, ... registered
  });

  function producerEvent(id: string, type: string, data: Record<string, unknown>, attrs: Record<string, unknown> = {}) {
    return new CloudEvent({
      specversion: "1.0",
      source: "/acme/wms",
      id,
      type,
      time: "2026-11-04T08:00:00Z",
      ...attrs,
      data: { transactionId: `TX-${id}`, layer: "source_api", ...data },
    });
  }

  it("a type that is a registered workflow, alone or as the last segment, takes the stage from data", async () => {
    const res = await ingestMessage(
      key,
      HTTP.structured(
        producerEvent("OWN-1", "shipment_confirmation", { stage: "acknowledged", businessKey: "SHP-OWN-1" }),
      ),
    );
    expect(res.status).toBe(200);
    const binary = await ingestMessage(
      key,
      HTTP.binary(
        producerEvent("OWN-2", "com.acme.wms.shipment_confirmation", { stage: "received", businessKey: "SHP-OWN-2" }),
      ),
    );
    expect(binary.status).toBe(200);
    expect(await storedEvents("TX-OWN-1")).toMatchObject([
      { workflow: "shipment_confirmation", stage: "acknowledged", business_key: "SHP-OWN-1" },
    ]);
    expect(await storedEvents("TX-OWN-2")).toMatchObject([
      { workflow: "shipment_confirmation", stage: "received", business_key: "SHP-OWN-2" },
    ]);
  });

  it("a last segment that names no registered workflow still needs data.workflow, and data.stage is still required", async () => {
    const unknown = await ingestMessage(
      key,
      HTTP.structured(producerEvent("OWN-3", "com.acme.wms.pallet_label_print", { stage: "received" })),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.results[0].errors).toEqual([
      expect.objectContaining({
        path: "data.workflow",
        message: expect.stringMatching(/^is required \(in data, or in type/),
      }),
    ]);
    const noStage = await ingestMessage(
      key,
      HTTP.structured(producerEvent("OWN-4", "com.acme.wms.shipment_confirmation", {})),
    );
    expect(noStage.body.results[0].errors.map((e: { path: string }) => e.path)).toEqual(["data.stage"]);
  });

  it("a mapped type gives the workflow and the stage; a mapping without a stage leaves it to data; data still wins", async () => {
    await map({ type: "com.acme.wms.ShipmentConfirmed", workflow: "shipment_confirmation", stage: "acknowledged" });
    await map({ type: "com.acme.wms.GoodsIn", workflow: "goods_receipt", stage: "" });
    const batch = HTTP.structured(
      producerEvent("OWN-5", "com.acme.wms.ShipmentConfirmed", { businessKey: "SHP-OWN-5" }),
    );
    expect((await ingestMessage(key, batch)).status).toBe(200);
    expect(
      (await ingestMessage(key, HTTP.binary(producerEvent("OWN-6", "com.acme.wms.GoodsIn", { stage: "delivered" }))))
        .status,
    ).toBe(200);
    expect(
      (
        await ingestMessage(
          key,
          HTTP.structured(
            producerEvent("OWN-7", "com.acme.wms.ShipmentConfirmed", {
              stage: "failed",
              error: { code: "E1", message: "no" },
            }),
          ),
        )
      ).status,
    ).toBe(200);
    expect(await storedEvents("TX-OWN-5")).toMatchObject([
      { workflow: "shipment_confirmation", stage: "acknowledged" },
    ]);
    expect(await storedEvents("TX-OWN-6")).toMatchObject([{ workflow: "goods_receipt", stage: "delivered" }]);
    expect(await storedEvents("TX-OWN-7")).toMatchObject([{ workflow: "shipment_confirmation", stage: "failed" }]);
    const noStage = await ingestMessage(key, HTTP.structured(producerEvent("OWN-8", "com.acme.wms.GoodsIn", {})));
    expect(noStage.body.results[0].errors.map((e: { path: string }) => e.path)).toEqual(["data.stage"]);
  });

  it("a mapping can be replaced and removed, names a workflow of the catalogue, and is audited", async () => {
    await map({ type: "com.acme.Dispatch", workflow: "pick_confirmation", stage: "received" });
    await map({ type: "com.acme.Dispatch", workflow: "shipment_confirmation", stage: "delivered" });
    expect((await ingestMessage(key, HTTP.structured(producerEvent("OWN-9", "com.acme.Dispatch", {})))).status).toBe(
      200,
    );
    expect(await storedEvents("TX-OWN-9")).toMatchObject([{ workflow: "shipment_confirmation", stage: "delivered" }]);
    const audit = await db.pool.query(
      "SELECT action, before, after FROM audit_log WHERE target_id = 'com.acme.Dispatch' ORDER BY id",
    );
    expect(audit.rows.at(-1)).toEqual({
      action: "cloudevent_type.set",
      before: { type: "com.acme.Dispatch", workflow: "pick_confirmation", stage: "received" },
      after: { type: "com.acme.Dispatch", workflow: "shipment_confirmation", stage: "delivered" },
    });

    await removeCloudEventType(db.pool, admin, "com.acme.Dispatch");
    const after = await ingestMessage(key, HTTP.structured(producerEvent("OWN-10", "com.acme.Dispatch", {})));
    expect(after.body.results[0].errors.map((e: { path: string }) => e.path)).toEqual(["data.workflow", "data.stage"]);
    await expect(removeCloudEventType(db.pool, admin, "com.acme.Dispatch")).rejects.toThrow(/is not mapped/);
    await expect(map({ type: "com.acme.Other", workflow: "no_such_flow", stage: null })).rejects.toThrow(
      /There is no workflow no_such_flow/,
    );
    expect(
      setCloudEventTypeSchema
        .safeParse({ type: " ", workflow: "shipment_confirmation", stage: "shipped" })
        .error?.issues.map((i) => i.path.join(".")),
    ).toEqual(["type", "stage"]);
  });

  it("subject is the business key when data has none", async () => {
    const bySubject = producerEvent(
      "OWN-11",
      "shipment_confirmation",
      { stage: "received" },
      { subject: "SHP-SUBJ-1" },
    );
    expect((await ingestMessage(key, HTTP.structured(bySubject))).status).toBe(200);
    expect(
      (
        await ingestMessage(
          key,
          HTTP.binary(
            producerEvent("OWN-12", "shipment_confirmation", { stage: "received" }, { subject: "SHP-SUBJ-2" }),
          ),
        )
      ).status,
    ).toBe(200);
    const both = producerEvent(
      "OWN-13",
      "shipment_confirmation",
      { stage: "received", businessKey: "SHP-DATA" },
      { subject: "orders/SO-9" },
    );
    expect((await ingestMessage(key, HTTP.structured(both))).status).toBe(200);
    expect((await storedEvents("TX-OWN-11"))[0].business_key).toBe("SHP-SUBJ-1");
    expect((await storedEvents("TX-OWN-12"))[0].business_key).toBe("SHP-SUBJ-2");
    expect((await storedEvents("TX-OWN-13"))[0].business_key).toBe("SHP-DATA");
    // A subject too long for a business key is reported at subject.
    const long = await ingestMessage(
      key,
      HTTP.structured(
        producerEvent("OWN-14", "shipment_confirmation", { stage: "received" }, { subject: "S".repeat(500) }),
      ),
    );
    expect(long.status).toBe(400);
    expect(long.body.results[0].errors.map((e: { path: string }) => e.path)).toEqual(["subject"]);
  });
});

describe("traceparent on the native API", () => {
  it("fills traceId and parentSpanId of events without their own", async () => {
    const [a, b] = shipmentEvents("SHP-TP-1");
    const withOwn = { ...b, traceId: "f".repeat(32), spanId: "3".repeat(16) };
    const res = await ingest(key, { events: [a, withOwn] }, { headers: { traceparent: `00-${TRACE}-${PARENT}-01` } });
    expect(res.status).toBe(200);
    expect((await storedEvents("TX-SHP-TP-1")).map((e) => [e.event_id, e.trace_id, e.parent_span_id])).toEqual([
      ["SHP-TP-1-1", TRACE, PARENT],
      ["SHP-TP-1-2", "f".repeat(32), null],
    ]);
  });

  it("400 for an invalid traceparent header, storing nothing", async () => {
    for (const bad of [
      "nonsense",
      `00-${TRACE.toUpperCase()}-${PARENT}-01`,
      `00-${"0".repeat(32)}-${PARENT}-01`,
      `ff-${TRACE}-${PARENT}-01`,
    ]) {
      const res = await ingest(key, shipmentEvents("SHP-TP-2")[0], { headers: { traceparent: bad } });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.message).toMatch(
        /traceparent header .*expected 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>/,
      );
    }
    expect(await transaction("TX-SHP-TP-2")).toBeUndefined();
  });
});
