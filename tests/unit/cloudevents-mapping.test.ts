import { describe, expect, it } from "vitest";
import { parseTraceparent } from "@/lib/domain/traceparent";
import { eventKeyOf, fromType } from "@/lib/ingest/parse-cloudevents";

describe("CloudEvents type -> workflow and stage", () => {
  it("reads <prefix>.<workflow>.<stage> and nothing else", () => {
    expect(fromType("com.example.shipment_confirmation.acknowledged")).toEqual({ workflow: "shipment_confirmation", stage: "acknowledged" });
    expect(fromType("invoice_sync.failed")).toEqual({ workflow: "invoice_sync", stage: "failed" });
    expect(fromType("com.example.order.created")).toEqual({});
    expect(fromType("acknowledged")).toEqual({});
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
    expect(parseTraceparent(`00-${trace}-${parent}-01`)).toEqual({ ok: true, value: { traceId: trace, parentSpanId: parent } });
    expect(parseTraceparent(`01-${trace}-${parent}-00-extra`)).toMatchObject({ ok: true });
  });
  it("refuses malformed, uppercase, all-zero, version ff and extra fields on 00", () => {
    for (const bad of ["", "00-abc", `00-${trace.toUpperCase()}-${parent}-01`, `00-${"0".repeat(32)}-${parent}-01`, `00-${trace}-${"0".repeat(16)}-01`, `ff-${trace}-${parent}-01`, `00-${trace}-${parent}-01-x`]) {
      expect(parseTraceparent(bad).ok, bad).toBe(false);
    }
  });
});
