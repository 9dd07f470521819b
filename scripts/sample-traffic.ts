// Sample integration traffic for the demo: linked business flows across the WMS, the
// middleware, the broker and the ERP, with the failures people meet in the field.
// Not product code: it only talks to Crossdock through the public ingest API.

type Layer = "source_api" | "middleware" | "broker" | "target_api";
export interface SampleEvent {
  id: string;
  transactionId: string;
  workflow: string;
  stage: string;
  layer: Layer;
  occurredAt: string;
  durationMs?: number;
  source?: string;
  target?: string;
  site?: string;
  businessKey?: string;
  refs?: Record<string, string>;
  value?: { amount: number; currency: string };
  quantity?: number;
  error?: { code: string; message: string; retryable: boolean };
  attempt?: number;
  traceId?: string;
  payload?: unknown;
}

interface Flow {
  workflow: string;
  prefix: string;
  source: string;
  target: string;
  valued: boolean;
}

const SITES = [
  { code: "east", wms: "wms-east" },
  { code: "central", wms: "wms-central" },
  { code: "south", wms: "wms-legacy-south" },
];

const FLOWS: Flow[] = [
  { workflow: "shipment_confirmation", prefix: "SHP", source: "wms", target: "erp-cloud", valued: true },
  { workflow: "order_release", prefix: "SO", source: "erp-cloud", target: "wms", valued: true },
  { workflow: "pick_confirmation", prefix: "PCK", source: "wms", target: "erp-cloud", valued: false },
  { workflow: "goods_receipt", prefix: "GR", source: "wms", target: "erp-cloud", valued: true },
  { workflow: "inventory_adjustment", prefix: "ADJ", source: "wms", target: "erp-cloud", valued: false },
  { workflow: "invoice_posting", prefix: "INV", source: "erp-cloud", target: "erp-cloud", valued: true },
  { workflow: "returns", prefix: "RMA", source: "wms", target: "erp-cloud", valued: true },
];

const FAILURES: { layer: Layer; code: string; message: (n: number) => string; retryable: boolean; workflows?: string[] }[] = [
  { layer: "target_api", code: "CUSTOMER_MASTER_INVALID", message: (n) => `Customer C-${10000 + (n % 97)} failed validation: missing tax jurisdiction`, retryable: false, workflows: ["shipment_confirmation"] },
  { layer: "middleware", code: "UOM_MAPPING_MISSING", message: (n) => `No unit-of-measure mapping for SKU-${4000 + (n % 13)}: CS -> EA`, retryable: false, workflows: ["inventory_adjustment"] },
  { layer: "broker", code: "BROKER_TIMEOUT", message: () => "Publish to queue erp.inbound timed out after 30000 ms", retryable: true },
  { layer: "target_api", code: "PERIOD_CLOSED", message: (n) => `Posting period 2026-${String((n % 9) + 1).padStart(2, "0")} is closed`, retryable: false, workflows: ["returns"] },
  { layer: "source_api", code: "WMS_API_503", message: () => "WMS API answered 503 Service Unavailable", retryable: true },
];

// Deterministic pseudo-random numbers: the same seed gives the same traffic, so a
// re-run sends the same event ids and ingest reports them as duplicates.
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

export function sampleTransaction(n: number, startedAt: Date, runId: string): SampleEvent[] {
  const r = rng(n * 7919 + 17);
  const flow = FLOWS[Math.floor(r() * FLOWS.length)]!;
  const site = SITES[Math.floor(r() * SITES.length)]!;
  const businessKey = `${flow.prefix}-${100000 + n}`;
  const loadId = `L-${20000 + Math.floor(n / 3)}`;
  const txId = `${runId}-${flow.prefix}-${n}`;
  const source = flow.source === "wms" ? site.wms : flow.source;
  const target = flow.target === "wms" ? site.wms : flow.target;
  // The legacy south site sends CSV batches every four hours: its first hand-off waits for the next batch.
  const batchDelay = site.code === "south" ? r() * 4 * 3_600_000 : 0;
  const common = {
    transactionId: txId,
    workflow: flow.workflow,
    source,
    target,
    site: site.code,
    businessKey,
    refs: { orderId: `SO-${300000 + Math.floor(n / 2)}`, shipmentId: `SHP-${100000 + n}`, loadId, sku: `SKU-${4000 + (n % 50)}`, customerId: `C-${10000 + (n % 97)}` },
    traceId: hex(r, 32),
  };
  let t = startedAt.getTime();
  const step = (ms: number) => new Date((t += Math.round(ms))).toISOString();
  const events: SampleEvent[] = [];
  const add = (stage: string, layer: Layer, ms: number, extra: Partial<SampleEvent> = {}) =>
    events.push({ ...common, id: `${txId}-${events.length + 1}`, stage, layer, occurredAt: step(ms), durationMs: Math.round(ms), ...extra });

  const quantity = 1 + Math.floor(r() * 40);
  add("received", "source_api", 50 + r() * 200, {
    value: flow.valued ? { amount: Math.round(200 + r() * 25_000) + 0.5, currency: site.code === "east" ? "USD" : r() < 0.3 ? "CAD" : "USD" } : undefined,
    quantity,
    payload: { documentId: businessKey, site: site.code, lines: [{ sku: common.refs.sku, qty: quantity, uom: "EA" }], customer: { id: common.refs.customerId, email: `buyer${n % 97}@example.com` } },
  });
  const failure = pickFailure(r, flow.workflow);
  const inFlight = r() < 0.04;
  const layers: [string, Layer][] = [["transformed", "middleware"], ["published", "broker"], ["acknowledged", "target_api"]];
  for (const [stage, layer] of layers) {
    if (failure && failure.layer === layer) {
      add("failed", layer, 100 + r() * 900 + (layer === "middleware" ? batchDelay : 0), { error: { code: failure.code, message: failure.message(n), retryable: failure.retryable } });
      if (failure.retryable && r() < 0.8) {
        add("retry_scheduled", layer, 2000);
        add(stage, layer, 5000 + r() * 5000, { attempt: 2 });
        continue;
      }
      return notInTheFuture(events);
    }
    if (inFlight && layer === "target_api") return events;
    add(stage, layer, 40 + r() * (layer === "target_api" ? 1500 : 300) + (layer === "middleware" ? batchDelay : 0));
  }
  return notInTheFuture(events);
}

// A batch delay can push the last steps past "now": those have simply not happened yet.
function notInTheFuture(events: SampleEvent[]): SampleEvent[] {
  const now = Date.now();
  return events.filter((e) => Date.parse(e.occurredAt) <= now);
}

function pickFailure(r: () => number, workflow: string) {
  if (r() > 0.12) return null;
  const eligible = FAILURES.filter((f) => !f.workflows || f.workflows.includes(workflow));
  return eligible[Math.floor(r() * eligible.length)] ?? null;
}

function hex(r: () => number, length: number): string {
  let s = "";
  while (s.length < length) s += Math.floor(r() * 16).toString(16);
  return s;
}
