// The nightly on-hand snapshot per site: WMS on-hand next to ERP on-hand for each
// SKU-location, the input of the inventory accuracy KPI. Most rows agree; some drift
// (counts not yet posted), and items whose adjustments fail in the middleware mapping
// (scenario 2) disagree every night until the mapping is fixed.
import { localDate } from "../clock";
import type { SimTransaction } from "../event";
import { type FlowContext, runTransaction } from "../hops";
import type { FlowInstance } from "../instances";
import { site as siteByCode, WORKFLOW } from "../landscape";
import { locationOf, SKUS } from "../master-data";
import { mix, Rng } from "../random";
import { uomMappingFails } from "../scenarios";
import { ERP_LATENCY_MS, outboundPickup, txHash, wmsHeader } from "./common";

// The most active items: enough rows for a meaningful accuracy figure, small enough
// for one payload.
const ROWS = 150;

export function inventorySnapshot(flow: FlowInstance, ctx: FlowContext): SimTransaction[] {
  const site = siteByCode(flow.site ?? "east");
  const rng = new Rng(flow.hash).fork(1);
  const day = localDate(flow.start);
  const rows: { sku: string; location: string; uom: string; wmsOnHand: number; erpOnHand: number }[] = [];
  let units = 0;
  let mismatches = 0;
  for (let i = 0; i < ROWS; i++) {
    const sku = SKUS[i]!;
    const wms = 20 + (mix(flow.hash, i) % (sku.uom === "CS" ? 400 : 2400));
    let erp = wms;
    if (uomMappingFails(ctx.settings, sku.id, flow.start))
      erp = wms + rng.int(1, 12) * (rng.chance(0.5) ? 1 : -1) * sku.caseQty;
    else if (rng.chance(0.03)) erp = Math.max(0, wms + rng.int(-12, 12));
    if (erp !== wms) mismatches++;
    units += wms;
    rows.push({ sku: sku.id, location: locationOf(site.code, sku), uom: sku.uom, wmsOnHand: wms, erpOnHand: erp });
  }
  const snapshotId = `SNAP-${site.code.toUpperCase()}-${day.replaceAll("-", "")}`;
  const outcome = runTransaction(
    ctx,
    wmsHeader(ctx, site, WORKFLOW.inventorySnapshot, snapshotId, {}),
    txHash(flow, 0),
    {
      start: flow.start,
      sourceLatencyMs: site.wmsLatencyMs * 8,
      targetLatencyMs: ERP_LATENCY_MS * 4,
      sourcePickup: outboundPickup(ctx, site, 0),
      quantity: units,
      payload: {
        snapshotId,
        site: site.code,
        snapshotDate: day,
        rows,
        summary: { rows: ROWS, mismatches, tolerance: 0 },
      },
      mapped: { documentType: "STOCK_COMPARISON", plant: site.letter, date: day, lines: ROWS, mismatches },
    },
  );
  return [outcome.tx];
}
