// The outbound chain of one sales order: released to the warehouse, picked, packed,
// shipped on a load (carrier label), invoiced. Five transactions linked by the order,
// shipment, load and invoice numbers. The warehouse keeps working when a message
// fails (it is the system of record for execution); only the invoice waits for the
// ERP to accept the shipment confirmation.
import { HOUR, MINUTE, nextOnCycle, SERIAL_EPOCH_MS, withinHours } from "../clock";
import type { SimTransaction } from "../event";
import { type FlowContext, type HopOutcome, runTransaction } from "../hops";
import type { FlowInstance } from "../instances";
import { COMMERCE, ERP, site as siteByCode, siteFor, WORKFLOW } from "../landscape";
import { mix, Rng, unit } from "../random";
import { customerMasterOutage, isShortPick } from "../scenarios";
import {
  COMMERCE_LATENCY_MS,
  ERP_LATENCY_MS,
  ERP_SOURCE_LATENCY_MS,
  inboundPickup,
  money,
  outboundPickup,
  txHash,
  txId,
  wmsHeader,
  wmsTargetLatency,
} from "./common";
import {
  invoiceDocuments,
  packDocuments,
  pickDocuments,
  releaseDocuments,
  shipmentDocuments,
} from "./outbound-documents";
import { drawSalesOrder, shortPick, total } from "./sales-order";

export function outboundOrder(flow: FlowInstance, ctx: FlowContext): SimTransaction[] {
  const root = new Rng(flow.hash);
  const content = root.fork(1);
  const timing = root.fork(2);
  const site = flow.site ? siteByCode(flow.site) : siteFor(content.next());
  const order = drawSalesOrder(flow.serial, site, content);
  const { orderId, customer, lines } = order;
  const web = order.channel === "web";

  // Timing and business draws happen up front, in a fixed order, whatever happens later.
  const pickWait = timing.logNormal(35 * MINUTE, 0.6);
  const shiftStart = timing.range(0, 45 * MINUTE);
  const packWait = timing.logNormal(12 * MINUTE, 0.5);
  const loadBuffer = timing.range(10 * MINUTE, 25 * MINUTE);
  const lane = timing.int(1, 4);
  const invoiceDelay = timing.range(5_000, 90_000);
  const shortDraw = timing.next();
  const shortFraction = timing.range(0.2, 0.85);
  const shortLineDraw = timing.next();
  const positions = [timing.next(), timing.next(), timing.next(), timing.next()];
  const tracking = timing.hex(16).toUpperCase();

  const s = flow.serial;
  const currency = customer.currency;
  const ordered = total(lines, (l) => l.qty);
  const refs = { orderId, customerId: customer.id, sku: lines[0]!.sku.id };
  const txs: SimTransaction[] = [];
  const add = (o: HopOutcome) => {
    txs.push(o.tx);
    return o;
  };

  // 1. order release: ERP (or the commerce platform for web orders) -> WMS
  const release = add(
    runTransaction(
      ctx,
      {
        transactionId: txId(ctx, orderId),
        workflow: WORKFLOW.orderRelease,
        source: web ? COMMERCE : ERP,
        target: site.wms,
        site: site.code,
        businessKey: orderId,
        refs,
      },
      txHash(flow, 0),
      {
        start: flow.start,
        sourceLatencyMs: web ? COMMERCE_LATENCY_MS : ERP_SOURCE_LATENCY_MS,
        targetLatencyMs: wmsTargetLatency(site),
        targetPickup: inboundPickup(ctx, site, positions[0]!),
        value: money(
          total(lines, (l) => l.qty * l.sku.unitPrice),
          currency,
        ),
        quantity: ordered,
        ...releaseDocuments(order, flow.start, flow.hash),
      },
    ),
  );
  if (!release.delivered) return txs; // the warehouse never saw the order

  // 2. pick: after the wave is released, inside the shifts (06:00-23:00)
  const wanted = release.doneAt + pickWait;
  const shifted = withinHours(wanted, 6 * HOUR, 23 * HOUR);
  const pickAt = shifted === wanted ? wanted : shifted + shiftStart;
  const short = isShortPick(ctx.settings, shortDraw, pickAt) && shortPick(order, shortLineDraw, shortFraction);
  const picked = total(lines, (l) => l.picked);
  const backorderId = short ? `BO-${s}` : undefined;
  const pickId = `PCK-${s}`;
  add(
    runTransaction(
      ctx,
      wmsHeader(ctx, site, WORKFLOW.pickConfirmation, pickId, { ...refs, backorderId }),
      txHash(flow, 1),
      {
        start: pickAt,
        sourceLatencyMs: site.wmsLatencyMs,
        targetLatencyMs: ERP_LATENCY_MS,
        sourcePickup: outboundPickup(ctx, site, positions[1]!),
        quantity: picked,
        ...pickDocuments(order, pickId, pickAt, backorderId),
      },
    ),
  );

  // 3. pack
  const packAt = pickAt + packWait;
  const cartons = Math.max(1, Math.ceil(total(lines, (l) => (l.sku.uom === "CS" ? l.picked : l.picked / 12))));
  const weightKg = Math.round(total(lines, (l) => l.picked * l.sku.caseQty * 0.45) * 10) / 10;
  const packId = `PAK-${s}`;
  add(
    runTransaction(ctx, wmsHeader(ctx, site, WORKFLOW.packConfirmation, packId, refs), txHash(flow, 2), {
      start: packAt,
      sourceLatencyMs: site.wmsLatencyMs,
      targetLatencyMs: ERP_LATENCY_MS,
      sourcePickup: outboundPickup(ctx, site, positions[2]!),
      quantity: picked,
      ...packDocuments(order, packId, cartons, weightKg),
    }),
  );

  // 4. shipment: leaves on its lane's next truck (each lane departs hourly at its own
  // minute, 05:00-22:00) or with the hourly parcel pickup (08:30-20:30). Orders leaving
  // together share a load.
  const ready = packAt + loadBuffer;
  const shipAt = web
    ? nextOnCycle(withinHours(ready, 8 * HOUR, 20 * HOUR + 30 * MINUTE), HOUR, 30 * MINUTE)
    : nextOnCycle(withinHours(ready, 5 * HOUR, 22 * HOUR), HOUR, (lane * 15 - 5) * MINUTE);
  const loadId = `L-${site.letter}${Math.floor((shipAt - SERIAL_EPOCH_MS) / HOUR)}-${web ? "P" : lane}`;
  const shipmentId = `SHP-${s}`;
  const shipValue = money(
    total(lines, (l) => l.picked * l.sku.unitPrice),
    currency,
  );
  // whether this customer is among those the master-data update broke (scenario 1)
  const customerDraw = unit(mix(mix(ctx.seedH, 0xc0517), customer.index));
  const shipment = add(
    runTransaction(
      ctx,
      wmsHeader(ctx, site, WORKFLOW.shipmentConfirmation, shipmentId, { ...refs, shipmentId, loadId, backorderId }),
      txHash(flow, 3),
      {
        start: shipAt,
        sourceLatencyMs: site.wmsLatencyMs,
        targetLatencyMs: ERP_LATENCY_MS,
        sourcePickup: outboundPickup(ctx, site, positions[3]!),
        value: shipValue,
        quantity: picked,
        ...shipmentDocuments(order, {
          shipmentId,
          loadId,
          shipAt,
          lane,
          tracking,
          ordered,
          picked,
          backorderId,
          cartons,
          weightKg,
        }),
        targetFailure: (t) => {
          const outage = customerMasterOutage(ctx.settings, site.code, customerDraw, t);
          if (!outage) return null;
          return {
            error: {
              code: "CUSTOMER_MASTER_INVALID",
              message: `Customer ${customer.id} failed validation: missing tax jurisdiction`,
              retryable: false,
            },
            replayAt: outage.replayAt,
          };
        },
      },
    ),
  );
  if (!shipment.delivered) return txs; // shipped but not invoiced: the finance lead's question

  // 5. invoice: the ERP's billing run (every 15 minutes) picks up accepted shipments
  const invoiceId = `INV-${s}`;
  add(
    runTransaction(
      ctx,
      {
        transactionId: txId(ctx, invoiceId),
        workflow: WORKFLOW.invoicePosting,
        source: ERP,
        target: ERP,
        site: site.code,
        businessKey: invoiceId,
        refs: { ...refs, shipmentId, loadId, invoiceId },
      },
      txHash(flow, 4),
      {
        start: nextOnCycle(shipment.doneAt, 15 * MINUTE, 0) + invoiceDelay,
        sourceLatencyMs: ERP_SOURCE_LATENCY_MS,
        targetLatencyMs: ERP_LATENCY_MS,
        value: shipValue,
        quantity: picked,
        ...invoiceDocuments(order, { invoiceId, shipmentId, loadId }, shipValue.amount),
      },
    ),
  );
  return txs;
}
