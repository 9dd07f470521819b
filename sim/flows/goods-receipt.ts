// Inbound: a supplier's truck is received against a purchase order (announced by an
// EDI advance ship notice) and the receipt goes from the WMS to the ERP.
import { MINUTE } from "../clock";
import type { SimTransaction } from "../event";
import { type FlowContext, runTransaction } from "../hops";
import type { FlowInstance } from "../instances";
import { siteFor, WORKFLOW } from "../landscape";
import { locationOf, popularSku, type Sku, supplierId } from "../master-data";
import { Rng } from "../random";
import { ERP_LATENCY_MS, money, outboundPickup, txHash, wmsHeader } from "./common";

export function goodsReceipt(flow: FlowInstance, ctx: FlowContext): SimTransaction[] {
  const rng = new Rng(flow.hash).fork(1);
  const site = siteFor(rng.next());
  const supplier = supplierId(rng);
  const lines: { sku: Sku; qty: number; lot: string }[] = [];
  for (let i = rng.int(1, 4); i > 0; i--) {
    const sku = popularSku(rng);
    if (!lines.some((l) => l.sku === sku))
      lines.push({
        sku,
        qty: sku.uom === "CS" ? rng.int(10, 120) : rng.int(50, 1200),
        lot: `LOT${rng.int(10000, 99999)}`,
      });
  }
  const position = rng.next();
  const s = flow.serial;
  const receiptId = `GR-${s}`;
  // Several receipts can close one purchase order (partial deliveries).
  const purchaseOrderId = `PO-45${String(rng.int(0, 2_999_999)).padStart(7, "0")}`;
  const qty = lines.reduce((n, l) => n + l.qty, 0);
  const cost = lines.reduce((n, l) => n + l.qty * l.sku.unitCost, 0);
  const outcome = runTransaction(
    ctx,
    wmsHeader(ctx, site, WORKFLOW.goodsReceipt, receiptId, {
      purchaseOrderId,
      supplierId: supplier,
      sku: lines[0]!.sku.id,
    }),
    txHash(flow, 0),
    {
      start: flow.start,
      sourceLatencyMs: site.wmsLatencyMs,
      targetLatencyMs: ERP_LATENCY_MS,
      sourcePickup: outboundPickup(ctx, site, position),
      value: money(cost, "USD"),
      quantity: qty,
      payload: {
        receiptId,
        purchaseOrderId,
        supplierId: supplier,
        asnId: `ASN-${s}`,
        dock: `D${1 + (flow.k % 8)}`,
        unloadedMinutes: Math.round(rng.logNormal(25 * MINUTE, 0.4) / MINUTE),
        lines: lines.map((l) => ({
          sku: l.sku.id,
          qtyReceived: l.qty,
          uom: l.sku.uom,
          lot: l.lot,
          putaway: locationOf(site.code, l.sku),
        })),
      },
      mapped: {
        documentType: "GOODS_RECEIPT",
        purchaseOrder: purchaseOrderId,
        movementType: "101",
        items: lines.map((l) => ({ material: l.sku.id, qty: l.qty, uom: l.sku.uom, batch: l.lot })),
      },
    },
  );
  return [outcome.tx];
}
