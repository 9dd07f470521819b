import { describe, expect, it } from "vitest";
import { parseTraceparent } from "@/lib/domain/traceparent";
import { NO_CLOUDEVENT_TYPES, readCloudEventType } from "@/lib/ingest/cloudevent-type";
import { eventKeyOf } from "@/lib/ingest/parse-cloudevents";

describe("CloudEvents type -> workflow and stage", () => {
  const types = {
    mapped: new Map([
      ["com.acme.wms.ShipmentConfirmed", { workflow: "shipment_confirmation", stage: "acknowledged" as const }],
      ["com.acme.wms.GoodsIn", { workflow: "goods_receipt", stage: null }],
      ["com.acme.returns.failed", { workflow: "returns", stage: "received" as const }],
    ]),
    workflows: new Set(["shipment_confirmation", "goods_receipt", "returns"]),
  };

  it("reads <prefix>.<workflow>.<stage> without a catalogue", () => {
    const read = (type: string) => readCloudEventType(type, NO_CLOUDEVENT_TYPES);
    expect(read("com.example.shipment_confirmation.acknowledged")).toEqual({
      workflow: "shipment_confirmation",
      stage: "acknowledged",
    });
    expect(read("invoice_sync.failed")).toEqual({ workflow: "invoice_sync", stage: "failed" });
    expect(read("com.example.order.created")).toEqual({});
    expect(read("acknowledged")).toEqual({});
    expect(read("shipment_confirmation")).toEqual({});
  });

  it("a last segment that is a registered workflow names the workflow only", () => {
    expect(readCloudEventType("shipment_confirmation", types)).toEqual({ workflow: "shipment_confirmation" });
    expect(readCloudEventType("com.acme.wms.shipment_confirmation", types)).toEqual({
      workflow: "shipment_confirmation",
    });
    expect(readCloudEventType("com.acme.wms.pick_confirmation", types)).toEqual({});
    expect(readCloudEventType("com.acme.shipment_confirmation.v2", types)).toEqual({});
  });

  it("a mapped type wins over its own segments; a mapping without a stage names the workflow only", () => {
    expect(readCloudEventType("com.acme.wms.ShipmentConfirmed", types)).toEqual({
      workflow: "shipment_confirmation",
      stage: "acknowledged",
    });
    expect(readCloudEventType("com.acme.wms.GoodsIn", types)).toEqual({ workflow: "goods_receipt" });
    expect(readCloudEventType("com.acme.returns.failed", types)).toEqual({ workflow: "returns", stage: "received" });
  });
});

describe("CloudEvents event key", () => {
  it("joins source and id so that different pairs never collide", () => {
    expect(eventKeyOf("/wms/east", "42")).toBe("/wms/east#42");
    expect(eventKeyOf("urn:a#b", "c")).not.toBe(eventKeyOf("urn:a", "b#c"));
    expect(eventKeyOf("/a%23", "x")).not.toBe(eventKeyOf("/a#", "x"));
  });
});

describe("traceparent", () => {
  const trace = "0af7651916cd43dd8448eb211c80319c";
  const parent = "b7ad6b7169203331";
  it("accepts version 00 and later versions with extra fields", () => {
    expect(parseTraceparent(`00-${trace}-${parent}-01`)).toEqual({
      ok: true,
      value: { traceId: trace, parentSpanId: parent },
    });
    expect(parseTraceparent(`01-${trace}-${parent}-00-extra`)).toMatchObject({ ok: true });
  });
  it("refuses malformed, uppercase, all-zero, version ff and extra fields on 00", () => {
    for (const bad of [
      "",
      "00-abc",
      `00-${trace.toUpperCase()}-${parent}-01`,
      `00-${"0".repeat(32)}-${parent}-01`,
      `00-${trace}-${"0".repeat(16)}-01`,
      `ff-${trace}-${parent}-01`,
      `00-${trace}-${parent}-01-x`,
    ]) {
      expect(parseTraceparent(bad).ok, bad).toBe(false);
    }
  });
});
