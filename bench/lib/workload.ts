// Deterministic ingest workload: realistic integration traffic as the native wire format
// of POST /api/v1/events. Generated once, up front; the same options give the same bytes.
import { type DerivableEvent, deriveTransaction } from "@/lib/domain/derive-transaction";
import type { Layer, Stage } from "@/lib/domain/vocabulary";

export interface WireEvent {
  id: string;
  transactionId: string;
  workflow: string;
  stage: Stage;
  layer: Layer;
  occurredAt: string;
  durationMs: number;
  source: string;
  target: string;
  site: string;
  businessKey: string;
  refs: { orderId: string; shipmentId: string; loadId: string; sku: string; customerId: string };
  value: { amount: number; currency: string };
  quantity: number;
  error?: { code: string; message: string; retryable: boolean };
  attempt: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  payload: unknown;
}

/** One event of the stream. Re-sent duplicates are the same object as their original. */
export interface GenEvent {
  wire: WireEvent;
  /** JSON.stringify(wire.payload), computed once (the direct path stores it as jsonb). */
  payloadJson: string;
  /** Position among the unique events (0-based). */
  seq: number;
}

export interface Workload {
  stream: GenEvent[];
  batches: GenEvent[][];
  uniqueEvents: number;
  duplicates: number;
  /** Copies that land in the same batch as their original (or as another copy). */
  intraBatchDuplicates: number;
  transactions: number;
  failedTransactions: number;
  /** Status counts deriveTransaction gives for the complete event set of each transaction. */
  expectedStatus: Record<string, number>;
  /** Distinct workflow names and site codes used (the direct path registers them first). */
  workflows: string[];
  sites: string[];
  avgPayloadBytes: number;
  avgEventBytes: number;
}

export interface WorkloadOptions {
  events: number;
  batchSize: number;
  /** Share of the stream that are re-sent copies of earlier events. */
  duplicateShare?: number;
  /** Share of transactions that end in `failed`. */
  failureShare?: number;
  seed?: number;
  /** Prefix of event and transaction ids (keeps warm-up traffic apart from the measured one). */
  idPrefix?: string;
  /** Transactions in flight at once: their events interleave in the stream. */
  window?: number;
  /** Added to the numbers in order, shipment and load references, so chunks generated one after another do not share them. */
  refOffset?: number;
}

// mulberry32
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FLOWS = [
  { workflow: "shipment_confirmation", prefix: "SHP", source: "wms", target: "erp-cloud" },
  { workflow: "order_release", prefix: "SO", source: "erp-cloud", target: "wms" },
  { workflow: "pick_confirmation", prefix: "PCK", source: "wms", target: "erp-cloud" },
  { workflow: "goods_receipt", prefix: "GR", source: "wms", target: "erp-cloud" },
  { workflow: "invoice_posting", prefix: "INV", source: "erp-cloud", target: "billing" },
  { workflow: "returns", prefix: "RMA", source: "wms", target: "erp-cloud" },
] as const;

const SITES = ["east", "central", "south", "west", "north", "dallas-dc", "reno-dc", "atlanta-xd"];
const CURRENCIES = ["USD", "USD", "USD", "EUR", "CAD"];
const CITIES = ["Dallas", "Reno", "Atlanta", "Columbus", "Memphis", "Ontario", "Allentown", "Joliet"];
const PRODUCTS = [
  "Pallet wrap 18in",
  "Corrugated box 12x12x8",
  "Thermal label 4x6",
  "Steel shelving unit",
  "Safety gloves L",
  "LED work light",
  "Hand truck",
  "Tape dispenser",
];
const UOMS = ["EA", "CS", "PL", "BX"];

const PIPELINE: { stage: Stage; layer: Layer }[] = [
  { stage: "received", layer: "source_api" },
  { stage: "transformed", layer: "middleware" },
  { stage: "published", layer: "broker" },
  { stage: "acknowledged", layer: "target_api" },
];

const FAILURES: { afterSteps: number; layer: Layer; code: string; retryable: boolean; message: (r: Ctx) => string }[] =
  [
    {
      afterSteps: 3,
      layer: "target_api",
      code: "HTTP_422",
      retryable: false,
      message: (c) => `Order ${c.orderId} rejected: SKU ${c.sku} is not stocked at site ${c.site}`,
    },
    {
      afterSteps: 3,
      layer: "target_api",
      code: "CUSTOMER_MASTER_INVALID",
      retryable: false,
      message: (c) => `Customer ${c.customerId} failed validation: missing tax jurisdiction`,
    },
    {
      afterSteps: 2,
      layer: "broker",
      code: "BROKER_TIMEOUT",
      retryable: true,
      message: () => "Publish to queue erp.inbound timed out after 30000 ms",
    },
    {
      afterSteps: 1,
      layer: "middleware",
      code: "UOM_MAPPING_MISSING",
      retryable: false,
      message: (c) => `No unit-of-measure mapping for ${c.sku}: CS -> EA`,
    },
  ];

interface Ctx {
  orderId: string;
  sku: string;
  site: string;
  customerId: string;
}

const BASE_TIME = Date.UTC(2026, 10, 20, 6, 0, 0);

function hex(r: () => number, n: number): string {
  let s = "";
  while (s.length < n)
    s += Math.floor(r() * 0x100000000)
      .toString(16)
      .padStart(8, "0");
  return s.slice(0, n);
}

interface PlannedTx {
  externalId: string;
  steps: { stage: Stage; layer: Layer; error?: WireEvent["error"] }[];
  next: number;
  make: (step: number, at: number) => WireEvent;
}

export function generateWorkload(opts: WorkloadOptions): Workload {
  const total = opts.events;
  const dupShare = opts.duplicateShare ?? 0.1;
  const failShare = opts.failureShare ?? 0.05;
  const prefix = opts.idPrefix ?? "b";
  const window = opts.window ?? 400;
  const refBase = opts.refOffset ?? 0;
  const r = rng(opts.seed ?? 20261129);
  const duplicates = Math.round(total * dupShare);
  const unique = total - duplicates;

  // 1. Plan transactions until their events add up to exactly `unique`.
  const planned: PlannedTx[] = [];
  let plannedEvents = 0;
  let failedTransactions = 0;
  for (let n = 0; plannedEvents < unique; n++) {
    const flow = FLOWS[Math.floor(r() * FLOWS.length)]!;
    const site = SITES[Math.floor(r() * SITES.length)]!;
    const ctx: Ctx = {
      orderId: `SO-${(4_000_000 + refBase + n).toString()}`,
      sku: `SKU-${10000 + Math.floor(r() * 5000)}`,
      site,
      customerId: `C-${100000 + Math.floor(r() * 20000)}`,
    };
    const shipmentId = `SHP-${(7_000_000 + refBase + n).toString()}`;
    const loadId = `L-${300000 + Math.floor((refBase + n) / 6)}`;
    const businessKey =
      flow.workflow === "shipment_confirmation" || flow.workflow === "pick_confirmation" ? shipmentId : ctx.orderId;
    const externalId = `${prefix}-${flow.prefix}-${n.toString().padStart(8, "0")}`;
    const traceId = hex(r, 32);
    const currency = CURRENCIES[Math.floor(r() * CURRENCIES.length)]!;
    const source = flow.source === "wms" ? `wms-${site}` : flow.source;
    const target = flow.target === "wms" ? `wms-${site}` : flow.target;
    const payload = orderDocument(r, ctx, shipmentId, loadId, currency, site);
    const amount = (payload as { totals: { amount: number } }).totals.amount;
    const quantity = (payload as { totals: { units: number } }).totals.units;

    let steps: PlannedTx["steps"];
    if (r() < failShare) {
      failedTransactions++;
      const f = FAILURES[Math.floor(r() * FAILURES.length)]!;
      steps = [
        ...PIPELINE.slice(0, f.afterSteps),
        { stage: "failed", layer: f.layer, error: { code: f.code, message: f.message(ctx), retryable: f.retryable } },
      ];
    } else {
      steps = [...PIPELINE];
    }
    if (plannedEvents + steps.length > unique) steps = steps.slice(0, unique - plannedEvents); // the last one may stay in flight
    plannedEvents += steps.length;
    const spans = steps.map(() => hex(r, 16));
    const durations = steps.map(() => 5 + Math.floor(r() * 400));
    planned.push({
      externalId,
      steps,
      next: 0,
      make: (step, at) => {
        const s = steps[step]!;
        const e: WireEvent = {
          id: `${prefix}-evt-${hex(r, 24)}`,
          transactionId: externalId,
          workflow: flow.workflow,
          stage: s.stage,
          layer: s.layer,
          occurredAt: new Date(at).toISOString(),
          durationMs: durations[step]!,
          source,
          target,
          site,
          businessKey,
          refs: { orderId: ctx.orderId, shipmentId, loadId, sku: ctx.sku, customerId: ctx.customerId },
          value: { amount, currency },
          quantity,
          attempt: 1,
          traceId,
          spanId: spans[step]!,
          payload,
        };
        if (step > 0) e.parentSpanId = spans[step - 1]!;
        if (s.error) e.error = s.error;
        return e;
      },
    });
  }

  // 2. Interleave: `window` transactions in flight; each step emits the next event of a random one.
  const uniqueEvents: GenEvent[] = [];
  const payloadJsonOf = new Map<unknown, string>();
  const active: PlannedTx[] = [];
  let queued = 0;
  while (active.length < window && queued < planned.length) active.push(planned[queued++]!);
  let clock = BASE_TIME;
  while (active.length > 0) {
    const k = Math.floor(r() * active.length);
    const tx = active[k]!;
    clock += 1 + Math.floor(r() * 8);
    const wire = tx.make(tx.next++, clock);
    let payloadJson = payloadJsonOf.get(wire.payload);
    if (payloadJson === undefined) payloadJsonOf.set(wire.payload, (payloadJson = JSON.stringify(wire.payload)));
    uniqueEvents.push({ wire, payloadJson, seq: uniqueEvents.length });
    if (tx.next >= tx.steps.length) {
      if (queued < planned.length) active[k] = planned[queued++]!;
      else {
        active[k] = active[active.length - 1]!;
        active.pop();
      }
    }
  }

  // 3. Duplicates: `duplicates` positions of the final stream (never the first) are re-sent
  // copies of an event already sent: mostly recent ones (a retrying client), some old ones.
  const stream: GenEvent[] = [];
  let dupLeft = duplicates;
  let nextUnique = 0;
  for (let pos = 0; pos < total; pos++) {
    const slotsLeft = total - pos;
    const isDup = pos > 0 && nextUnique > 0 && r() * slotsLeft < dupLeft; // selection sampling (Knuth's algorithm S)
    if (isDup || nextUnique >= uniqueEvents.length) {
      const recent = r() < 0.7;
      const span = recent ? Math.min(nextUnique, 2000) : nextUnique;
      stream.push(uniqueEvents[nextUnique - 1 - Math.floor(r() * span)]!);
      dupLeft--;
    } else {
      stream.push(uniqueEvents[nextUnique++]!);
    }
  }
  if (nextUnique !== uniqueEvents.length || stream.length !== total)
    throw new Error("workload: generator bookkeeping is off");

  const batches: GenEvent[][] = [];
  for (let i = 0; i < stream.length; i += opts.batchSize) batches.push(stream.slice(i, i + opts.batchSize));
  let intraBatchDuplicates = 0;
  for (const b of batches) intraBatchDuplicates += b.length - new Set(b).size;

  // What the transactions must look like once every event is stored.
  const byTx = new Map<string, DerivableEvent[]>();
  for (const { wire: w } of uniqueEvents) {
    let list = byTx.get(w.transactionId);
    if (!list) byTx.set(w.transactionId, (list = []));
    list.push(toDerivable(w));
  }
  const expectedStatus: Record<string, number> = {};
  for (const events of byTx.values()) {
    const s = deriveTransaction(events).status;
    expectedStatus[s] = (expectedStatus[s] ?? 0) + 1;
  }

  let payloadBytes = 0;
  for (const json of payloadJsonOf.values()) payloadBytes += Buffer.byteLength(json);
  let eventBytes = 0;
  const sample = uniqueEvents.filter((_, i) => i % 97 === 0);
  for (const e of sample) eventBytes += Buffer.byteLength(JSON.stringify(e.wire));

  return {
    stream,
    batches,
    uniqueEvents: uniqueEvents.length,
    duplicates,
    intraBatchDuplicates,
    transactions: planned.length,
    failedTransactions,
    expectedStatus,
    workflows: [...new Set(FLOWS.map((f) => f.workflow))],
    sites: [...SITES],
    avgPayloadBytes: Math.round(payloadBytes / payloadJsonOf.size),
    avgEventBytes: Math.round(eventBytes / Math.max(1, sample.length)),
  };
}

export function toDerivable(w: WireEvent): DerivableEvent {
  return {
    eventId: w.id,
    workflow: w.workflow,
    stage: w.stage,
    layer: w.layer,
    occurredAt: new Date(w.occurredAt),
    sourceSystem: w.source,
    targetSystem: w.target,
    site: w.site,
    businessKey: w.businessKey,
    refs: w.refs,
    valueAmount: String(w.value.amount),
    valueCurrency: w.value.currency,
    quantity: String(w.quantity),
    errorCode: w.error?.code ?? null,
    errorMessage: w.error?.message ?? null,
    errorRetryable: w.error?.retryable ?? null,
    attempt: w.attempt,
    traceId: w.traceId,
  };
}

// An order-like document of ~1 KB: header, ship-to, 3-5 lines, totals. Shared by all
// events of a transaction (each event carries the document as it was at that hop).
function orderDocument(
  r: () => number,
  c: Ctx,
  shipmentId: string,
  loadId: string,
  currency: string,
  site: string,
): unknown {
  const lineCount = 3 + Math.floor(r() * 3);
  const lines = [];
  let amount = 0;
  let units = 0;
  for (let i = 0; i < lineCount; i++) {
    const qty = 1 + Math.floor(r() * 48);
    const unitPrice = Math.round((2 + r() * 180) * 100) / 100;
    amount += qty * unitPrice;
    units += qty;
    lines.push({
      lineNo: i + 1,
      sku: i === 0 ? c.sku : `SKU-${10000 + Math.floor(r() * 5000)}`,
      description: PRODUCTS[Math.floor(r() * PRODUCTS.length)]!,
      qty,
      uom: UOMS[Math.floor(r() * UOMS.length)]!,
      unitPrice,
      lot: `LOT-${hex(r, 6).toUpperCase()}`,
    });
  }
  const city = CITIES[Math.floor(r() * CITIES.length)]!;
  return {
    orderId: c.orderId,
    shipmentId,
    loadId,
    customer: {
      id: c.customerId,
      name: `Customer ${c.customerId.slice(2)} Logistics LLC`,
      accountGroup: r() < 0.5 ? "RETAIL" : "WHOLESALE",
    },
    shipFrom: { site, dock: `D${1 + Math.floor(r() * 24)}` },
    shipTo: {
      name: `${city} Distribution`,
      street: `${100 + Math.floor(r() * 9000)} Commerce Pkwy`,
      city,
      postalCode: String(10000 + Math.floor(r() * 89999)),
      country: "US",
    },
    carrier: {
      scac: ["UPSN", "FDEG", "ODFL", "XPOL"][Math.floor(r() * 4)]!,
      service: "LTL",
      proNumber: String(Math.floor(r() * 1e10)),
    },
    lines,
    totals: {
      amount: Math.round(amount * 100) / 100,
      currency,
      units,
      weightKg: Math.round(units * (0.5 + r() * 4) * 10) / 10,
    },
  };
}
