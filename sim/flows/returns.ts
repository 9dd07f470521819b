// Customer returns received at the dock and booked in the ERP as a credit against the
// original invoice. When that invoice lies in a posting period finance has closed, the
// ERP rejects the credit (scenario 5) until someone posts it by hand.
import { DAY, localMonth, minuteStart } from "../clock";
import type { SimTransaction } from "../event";
import { type FlowContext, runTransaction } from "../hops";
import type { FlowInstance } from "../instances";
import { siteFor, WORKFLOW } from "../landscape";
import { customerAt, popularSku, webStoreAccount } from "../master-data";
import { Rng } from "../random";
import { returnHitsClosedPeriod } from "../scenarios";
import { ERP_LATENCY_MS, money, outboundPickup, txHash, wmsHeader } from "./common";

const REASONS = ["damaged in transit", "wrong item", "no longer needed", "defective", "late delivery"];

export function customerReturn(flow: FlowInstance, ctx: FlowContext): SimTransaction[] {
  const rng = new Rng(flow.hash).fork(1);
  const site = siteFor(rng.next());
  const web = rng.chance(0.45);
  const customer = web ? webStoreAccount(site.code) : customerAt(site.code, rng);
  const sku = popularSku(rng);
  const qty = web ? rng.int(1, 2) : rng.int(1, sku.uom === "CS" ? 6 : 24);
  // the original sale, 3 to 40 days earlier
  const originalMinute = flow.minute - Math.floor(rng.range(3, 40) * (DAY / 60_000));
  const originalSerial = String(originalMinute * 10_000 + rng.int(0, 40));
  const invoiceMonth = localMonth(minuteStart(originalMinute));
  const reason = rng.pick(REASONS);
  const position = rng.next();
  const rejectDraw = rng.next();
  const resolveDraw = rng.next();
  const s = flow.serial;
  const returnId = `RMA-${s}`;
  const orderId = `SO-${originalSerial}`;
  const invoiceId = `INV-${originalSerial}`;
  const credit = money(qty * sku.unitPrice, customer.currency);
  const closed = ctx.settings.returns;
  const outcome = runTransaction(
    ctx,
    wmsHeader(ctx, site, WORKFLOW.returns, returnId, {
      returnId,
      orderId,
      invoiceId,
      customerId: customer.id,
      sku: sku.id,
    }),
    txHash(flow, 0),
    {
      start: flow.start,
      sourceLatencyMs: site.wmsLatencyMs,
      targetLatencyMs: ERP_LATENCY_MS,
      sourcePickup: outboundPickup(ctx, site, position),
      value: credit,
      quantity: qty,
      payload: {
        returnId,
        rmaSource: web ? "commerce" : "customer service",
        orderId,
        invoiceId,
        customerId: customer.id,
        reason,
        lines: [{ sku: sku.id, qty, uom: sku.uom, condition: reason === "defective" ? "B" : "A" }],
        creditAmount: credit.amount,
        currency: credit.currency,
      },
      mapped: {
        documentType: "CREDIT_MEMO_REQUEST",
        referenceInvoice: invoiceId,
        customer: customer.id,
        items: [{ material: sku.id, qty, uom: sku.uom }],
        orderReason: reason,
      },
      targetFailure: (t) => {
        if (!returnHitsClosedPeriod(ctx.settings, rejectDraw, t, invoiceMonth, localMonth(t))) return null;
        const after = closed.resolveAfter;
        return {
          error: {
            code: "PERIOD_CLOSED",
            message: `Posting period ${invoiceMonth} is closed for company code US01`,
            retryable: false,
          },
          resolveAt: after ? t + after.min + resolveDraw * (after.max - after.min) : null,
        };
      },
    },
  );
  return [outcome.tx];
}
