// Inventory control: cycle counts, damages and moves change on-hand in the WMS and are
// posted to the ERP. Case-managed items without a CS -> EA conversion in the middleware
// mapping fail there (scenario 2), and the ERP's on-hand drifts from the WMS.
import type { SimTransaction } from "../event";
import { type FlowContext, runTransaction } from "../hops";
import type { FlowInstance } from "../instances";
import { siteFor, WORKFLOW } from "../landscape";
import { locationOf, popularSku, skuById } from "../master-data";
import { Rng } from "../random";
import { uomMappingFails } from "../scenarios";
import { ERP_LATENCY_MS, money, outboundPickup, txHash, wmsHeader } from "./common";

// reason, with the cumulative share of adjustments up to and including it
const REASONS = [
  { code: "CC", text: "cycle count", upTo: 0.55 },
  { code: "DM", text: "damaged", upTo: 0.75 },
  { code: "MV", text: "relocation", upTo: 0.9 },
  { code: "QA", text: "quality hold", upTo: 1 },
];

export function inventoryAdjustment(flow: FlowInstance, ctx: FlowContext): SimTransaction[] {
  const rng = new Rng(flow.hash).fork(1);
  const site = siteFor(rng.next());
  // The problem items are counted again and again (their numbers look wrong), so they
  // turn up in adjustments more often than their sales alone would explain.
  const problem = ctx.settings.raw.uomMismatch.skus;
  const recount = rng.next() < 0.06 && problem.length > 0;
  const picked = problem[Math.floor(rng.next() * problem.length)];
  const sku = (recount && picked ? skuById(picked) : undefined) ?? popularSku(rng);
  const u = rng.next();
  const reason = REASONS.find((r) => u < r.upTo) ?? REASONS[0]!;
  const magnitude = sku.uom === "CS" ? rng.int(1, 12) : rng.int(1, 48);
  const delta = reason.code === "CC" && rng.chance(0.4) ? magnitude : -magnitude;
  const location = locationOf(site.code, sku);
  const position = rng.next();
  const adjustmentId = `ADJ-${flow.serial}`;
  const outcome = runTransaction(
    ctx,
    wmsHeader(ctx, site, WORKFLOW.inventoryAdjustment, adjustmentId, { sku: sku.id }),
    txHash(flow, 0),
    {
      start: flow.start,
      sourceLatencyMs: site.wmsLatencyMs,
      targetLatencyMs: ERP_LATENCY_MS,
      sourcePickup: outboundPickup(ctx, site, position),
      value: money(Math.abs(delta) * sku.unitCost, "USD"),
      quantity: delta,
      payload: {
        adjustmentId,
        sku: sku.id,
        location,
        delta,
        uom: sku.uom,
        reason: reason.text,
        countedBy: `U${100 + (flow.k % 60)}`,
      },
      mapped: {
        documentType: "INVENTORY_ADJUSTMENT",
        material: sku.id,
        plant: site.letter,
        storageBin: location,
        movementType: delta > 0 ? "701" : "702",
        qty: Math.abs(delta) * sku.caseQty,
        uom: "EA",
      },
      middlewareFailure: (t) =>
        uomMappingFails(ctx.settings, sku.id, t)
          ? {
              code: "UOM_MAPPING_MISSING",
              message: `No unit-of-measure mapping for ${sku.id}: ${sku.uom} -> EA`,
              retryable: false,
            }
          : null,
    },
  );
  return [outcome.tx];
}
