// Small pieces every flow generator needs: document ids, money, latencies of the
// systems involved, the legacy site's batch hand-offs.

import type { SimRefs } from "../event";
import type { FlowContext, TxHeader } from "../hops";
import type { FlowInstance } from "../instances";
import { ERP, type SiteProfile, type WorkflowName } from "../landscape";
import { batchPickup } from "../legacy-batches";
import { mix } from "../random";

// ERP endpoint (median ms); the ERP is the slow part of most hops.
export const ERP_LATENCY_MS = 650;
export const ERP_SOURCE_LATENCY_MS = 320;
export const COMMERCE_LATENCY_MS = 90;

// CAD prices: the price list is kept in USD and converted at a fixed planning rate.
const USD_TO_CAD = 1.36;

export function money(usd: number, currency: "USD" | "CAD"): { amount: string; currency: "USD" | "CAD" } {
  return { amount: (currency === "CAD" ? usd * USD_TO_CAD : usd).toFixed(2), currency };
}

export function txId(ctx: FlowContext, businessKey: string): string {
  return ctx.idPrefix + businessKey;
}

// Each transaction of a flow draws from its own keyed stream.
export function txHash(flow: FlowInstance, index: number): number {
  return mix(flow.hash, 0x100 + index);
}

// A WMS -> middleware hand-off: immediate for API sites, the next CSV batch for legacy ones.
export function outboundPickup(
  ctx: FlowContext,
  site: SiteProfile,
  position: number,
): ((t: number) => number) | undefined {
  return site.batch ? (t) => batchPickup(site, "outbound", t, ctx.settings, ctx.seedH, position) : undefined;
}

export function inboundPickup(
  ctx: FlowContext,
  site: SiteProfile,
  position: number,
): ((t: number) => number) | undefined {
  return site.batch ? (t) => batchPickup(site, "inbound", t, ctx.settings, ctx.seedH, position) : undefined;
}

// WMS endpoint time when it is the target (order releases, master data).
export function wmsTargetLatency(site: SiteProfile): number {
  return site.batch ? 1500 : site.wmsLatencyMs * 1.6;
}

// A document the warehouse sends to the ERP.
export function wmsHeader(
  ctx: FlowContext,
  site: SiteProfile,
  workflow: WorkflowName,
  businessKey: string,
  refs: SimRefs,
): TxHeader {
  return {
    transactionId: txId(ctx, businessKey),
    workflow,
    source: site.wms,
    target: ERP,
    site: site.code,
    businessKey,
    refs: withoutUndefined(refs),
  };
}

function withoutUndefined(refs: SimRefs): SimRefs {
  const out: SimRefs = {};
  for (const key in refs) {
    const k = key as keyof SimRefs;
    if (refs[k] !== undefined) out[k] = refs[k];
  }
  return out;
}
