import { describe, expect, it } from "vitest";
import { sortByOrderChain } from "@/lib/domain/order-chain";

describe("sortByOrderChain", () => {
  it("puts order release before picks, shipments and invoices, other workflows last, then by time", () => {
    const items = [
      { workflow: "returns", firstEventAt: "2026-11-02T07:00:00.000Z" },
      { workflow: "invoice_posting", firstEventAt: "2026-11-02T08:00:00.000Z" },
      { workflow: "shipment_confirmation", firstEventAt: "2026-11-02T09:00:00.000Z" },
      { workflow: "shipment_confirmation", firstEventAt: "2026-11-02T08:30:00.000Z" },
      { workflow: "order_release", firstEventAt: "2026-11-02T10:00:00.000Z" },
    ];
    expect(sortByOrderChain(items).map((i) => `${i.workflow}@${i.firstEventAt.slice(11, 16)}`)).toEqual([
      "order_release@10:00",
      "shipment_confirmation@08:30",
      "shipment_confirmation@09:00",
      "invoice_posting@08:00",
      "returns@07:00",
    ]);
  });
});
