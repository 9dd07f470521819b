import { describe, expect, it } from "vitest";
import { nativeEventSchema } from "@/lib/ingest/native-event";
import type { SimEvent } from "@/sim/event";
import { generateHistory } from "@/sim/generate";
import { groupByTransaction } from "@/sim/inspect";

// One weekday of traffic (Tuesday 2026-03-10, business time UTC-5).
const to = Date.parse("2026-03-11T05:00:00Z");
const from = to - 24 * 3_600_000;
const batches = [...generateHistory({ from, to, seed: 7, ratePerSecond: 0.4 })];
const events = batches.flat();
const byTx = groupByTransaction(events);
const first = (workflow: string) => [...byTx.values()].filter((tx) => tx[0]!.workflow === workflow).map((tx) => tx[0]!);

describe("simulated business flows", () => {
  it("produces a day of traffic in batches that keep each transaction whole and nothing in the future", () => {
    expect(byTx.size).toBeGreaterThan(20_000);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(1000);
    const batchOf = new Map<string, number>();
    const split: string[] = [];
    batches.forEach((b, i) => {
      for (const e of b) {
        if ((batchOf.get(e.transactionId) ?? i) !== i) split.push(e.transactionId);
        batchOf.set(e.transactionId, i);
      }
    });
    expect(split).toEqual([]);
    expect(events.filter((e) => Date.parse(e.occurredAt) >= to)).toEqual([]);
  });

  it("gives every event a unique id and every transaction one workflow and ordered events", () => {
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const odd = [...byTx.values()].filter(
      (tx) =>
        tx.some((e, i) => e.workflow !== tx[0]!.workflow || (i > 0 && e.occurredAt < tx[i - 1]!.occurredAt)) ||
        tx[0]!.stage !== "received" ||
        tx[0]!.layer !== "source_api",
    );
    expect(odd.map((tx) => tx[0]!.transactionId)).toEqual([]);
  });

  it("links order -> pick -> pack -> shipment -> invoice by business keys and references", () => {
    const releases = new Map(first("order_release").map((e) => [e.businessKey, e]));
    const shipments = first("shipment_confirmation");
    const invoices = first("invoice_posting");
    expect(shipments.length).toBeGreaterThan(2000);
    expect(invoices.length).toBeGreaterThan(2000);

    for (const workflow of ["pick_confirmation", "pack_confirmation", "shipment_confirmation"]) {
      for (const e of first(workflow)) {
        expect(releases.has(e.refs.orderId!), `${e.transactionId} -> ${e.refs.orderId}`).toBe(true);
        expect(e.site).toBe(releases.get(e.refs.orderId!)!.site);
      }
    }
    const shipmentsByKey = new Map(shipments.map((e) => [e.businessKey, e]));
    for (const inv of invoices) {
      const shp = shipmentsByKey.get(inv.refs.shipmentId!);
      expect(shp, inv.businessKey).toBeDefined();
      expect(inv.refs.loadId).toBe(shp!.refs.loadId);
      expect(inv.refs.orderId).toBe(shp!.refs.orderId);
      expect(releases.get(shp!.refs.orderId!)!.businessKey).toBe(inv.refs.orderId);
      expect(inv.refs.invoiceId).toBe(inv.businessKey);
      // the invoice bills what was shipped
      expect(inv.value).toEqual(shp!.value);
      expect(inv.quantity).toBe(shp!.quantity);
      expect(Date.parse(inv.occurredAt)).toBeGreaterThan(Date.parse(shp!.occurredAt));
    }
  });

  it("groups shipments into loads and carries the carrier label on the shipment confirmation", () => {
    const shipments = first("shipment_confirmation");
    const perLoad = new Map<string, number>();
    for (const s of shipments) perLoad.set(s.refs.loadId!, (perLoad.get(s.refs.loadId!) ?? 0) + 1);
    expect(Math.max(...perLoad.values())).toBeGreaterThan(3);
    for (const s of shipments) {
      const carrier = (s.payload as { carrier: Record<string, string> }).carrier;
      expect(carrier.name).toBeTruthy();
      expect(carrier.trackingNumber ?? carrier.proNumber).toBeTruthy();
    }
    expect(
      shipments.some((s) =>
        (s.payload as { carrier: { trackingNumber?: string } }).carrier.trackingNumber?.startsWith("1Z"),
      ),
    ).toBe(true);
  });

  it("carries values with currencies (USD at east and central, some CAD at south), quantities and SKUs", () => {
    const valued = events.filter((e) => e.value);
    expect(valued.length).toBeGreaterThan(5_000);
    const currencies = (site: string) => new Set(valued.filter((e) => e.site === site).map((e) => e.value!.currency));
    expect(currencies("east")).toEqual(new Set(["USD"]));
    expect(currencies("central")).toEqual(new Set(["USD"]));
    expect(currencies("south")).toEqual(new Set(["USD", "CAD"]));
    for (const e of first("shipment_confirmation")) {
      expect(e.quantity).toBeGreaterThan(0);
      expect(e.refs.sku).toMatch(/^SKU-\d+$/);
      expect(Number(e.value!.amount)).toBeGreaterThan(0);
    }
  });

  it("covers inbound, inventory, returns and master data, with snapshots comparing WMS and ERP on-hand", () => {
    for (const workflow of ["goods_receipt", "inventory_adjustment", "returns", "master_data_sync"])
      expect(first(workflow).length, workflow).toBeGreaterThan(300);
    for (const gr of first("goods_receipt")) expect(gr.refs.purchaseOrderId).toMatch(/^PO-\d+$/);
    const snapshots = first("inventory_snapshot");
    expect(snapshots.map((s) => s.site).sort()).toEqual(["central", "east", "south"]);
    for (const s of snapshots) {
      const rows = (s.payload as { rows: { wmsOnHand: number; erpOnHand: number }[] }).rows;
      expect(rows.length).toBeGreaterThan(100);
      const agree = rows.filter((r) => r.wmsOnHand === r.erpOnHand).length / rows.length;
      expect(agree).toBeGreaterThan(0.8);
      expect(agree).toBeLessThan(1);
    }
  });

  it("crosses the four layers with realistic per-hop durations", () => {
    const east = [...byTx.values()].filter(
      (tx) => tx[0]!.site === "east" && tx.at(-1)!.stage === "acknowledged" && tx.length === 4,
    );
    expect(east.length).toBeGreaterThan(500);
    for (const tx of east.slice(0, 500)) {
      expect(tx.map((e) => e.layer)).toEqual(["source_api", "middleware", "broker", "target_api"]);
      const total = Date.parse(tx[3]!.occurredAt) - Date.parse(tx[0]!.occurredAt);
      expect(total).toBeLessThan(60_000);
      expect(tx[3]!.durationMs).toBeGreaterThan(0);
    }
  });

  it("sends events the ingest schema accepts", () => {
    const sample: SimEvent[] = [];
    for (let i = 0; i < events.length; i += 37) sample.push(events[i]!);
    sample.push(...events.filter((e) => e.error || e.workflow === "inventory_snapshot"));
    for (const e of sample) {
      const parsed = nativeEventSchema.safeParse(JSON.parse(JSON.stringify(e)));
      expect(parsed.success, `${e.id}: ${parsed.error?.message}`).toBe(true);
    }
  });
});
