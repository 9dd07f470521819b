// Master data from the ERP to the warehouses: items, customers, locations. Also the
// customer master update that starts scenario 1 ("since the customer master update at
// 09:12"): a scheduled flow at the outage's start, so the dashboards show the cause
// next to the pile of rejected shipment confirmations.
import type { SimTransaction } from "../event";
import { type FlowContext, runTransaction } from "../hops";
import type { FlowInstance } from "../instances";
import { ERP, type SiteProfile, site as siteByCode, siteFor, WORKFLOW } from "../landscape";
import { customerAt, popularSku } from "../master-data";
import { Rng } from "../random";
import { ERP_SOURCE_LATENCY_MS, inboundPickup, txHash, txId, wmsTargetLatency } from "./common";

const ENTITIES = [
  { entity: "item", upTo: 0.6 },
  { entity: "customer", upTo: 0.85 },
  { entity: "location", upTo: 1 },
] as const;

export function masterDataSync(flow: FlowInstance, ctx: FlowContext): SimTransaction[] {
  const rng = new Rng(flow.hash).fork(1);
  const site = siteFor(rng.next());
  const u = rng.next();
  const { entity } = ENTITIES.find((e) => u < e.upTo) ?? ENTITIES[0];
  const records = Math.max(1, Math.round(rng.logNormal(12, 1.1)));
  const sku = popularSku(rng);
  const customer = customerAt(site.code, rng);
  const key =
    entity === "item" ? sku.id : entity === "customer" ? customer.id : `${site.letter}-BIN-${rng.int(1000, 9999)}`;
  const refs = entity === "item" ? { sku: sku.id } : entity === "customer" ? { customerId: customer.id } : {};
  return [
    sync(
      flow,
      ctx,
      site,
      {
        entity,
        records,
        key,
        refs,
        changedFields:
          entity === "item"
            ? ["description", "weight", "gtin"]
            : entity === "customer"
              ? ["shipTo", "contact"]
              : ["capacity"],
      },
      rng.next(),
    ),
  ];
}

export function customerMasterUpdate(flow: FlowInstance, ctx: FlowContext): SimTransaction[] {
  const site = siteByCode(flow.site ?? ctx.settings.customerMaster.site);
  return [
    sync(
      flow,
      ctx,
      site,
      {
        entity: "customer",
        records: 1240,
        key: "bulk",
        refs: {},
        changedFields: ["taxJurisdiction", "billToAddress"],
        initiatedBy: "MDM bulk update: tax jurisdiction restructuring",
      },
      0,
    ),
  ];
}

interface SyncContent {
  entity: string;
  records: number;
  key: string;
  refs: { sku?: string; customerId?: string };
  changedFields: string[];
  initiatedBy?: string;
}

function sync(
  flow: FlowInstance,
  ctx: FlowContext,
  site: SiteProfile,
  c: SyncContent,
  position: number,
): SimTransaction {
  const syncId = `MDS-${flow.serial}`;
  const outcome = runTransaction(
    ctx,
    {
      transactionId: txId(ctx, syncId),
      workflow: WORKFLOW.masterDataSync,
      source: ERP,
      target: site.wms,
      site: site.code,
      businessKey: syncId,
      refs: c.refs,
    },
    txHash(flow, 0),
    {
      start: flow.start,
      sourceLatencyMs: ERP_SOURCE_LATENCY_MS,
      targetLatencyMs: wmsTargetLatency(site) * (1 + Math.log10(c.records)),
      targetPickup: inboundPickup(ctx, site, position),
      quantity: c.records,
      payload: {
        syncId,
        entity: c.entity,
        records: c.records,
        firstKey: c.key,
        changedFields: c.changedFields,
        ...(c.initiatedBy ? { initiatedBy: c.initiatedBy } : {}),
      },
      mapped: site.batch
        ? `MD;${c.entity.toUpperCase()};${c.records};${c.key}`
        : { type: c.entity.toUpperCase(), count: c.records, first: c.key },
    },
  );
  return outcome.tx;
}
