import { exactPercentile, type HistogramBin, summarizeLatency } from "./histogram";
import { rate } from "./rates";

// The seven KPIs of docs/domain.md: what each one means, and how it is computed from
// the counts and histograms the read models collect for a period.

export const KPI_IDS = [
  "order_release_latency",
  "shipment_to_invoice_cycle_time",
  "exception_resolution_time",
  "manual_intervention_rate",
  "integration_failure_rate",
  "inventory_accuracy",
  "time_to_onboard",
] as const;
export type KpiId = (typeof KPI_IDS)[number];

export interface KpiDefinition {
  id: KpiId;
  name: string;
  definition: string; // one line, shown next to the figure
  kind: "duration" | "rate";
  better: "lower" | "higher";
}

export const KPI_DEFINITIONS: Record<KpiId, KpiDefinition> = {
  order_release_latency: {
    id: "order_release_latency",
    name: "Order release latency",
    definition:
      "ERP order created to WMS acknowledged: first to successful event of order_release transactions started in the period (p50/p95).",
    kind: "duration",
    better: "lower",
  },
  shipment_to_invoice_cycle_time: {
    id: "shipment_to_invoice_cycle_time",
    name: "Shipment-to-invoice cycle time",
    definition:
      "Shipment confirmed at the WMS to invoice posted in the ERP, joined by shipment (else load) reference, for invoice postings started in the period (p50/p95).",
    kind: "duration",
    better: "lower",
  },
  exception_resolution_time: {
    id: "exception_resolution_time",
    name: "Exception resolution time",
    definition:
      "First failure to succeeded or resolved, for transactions started in the period that failed and are now fixed (p50/p95).",
    kind: "duration",
    better: "lower",
  },
  manual_intervention_rate: {
    id: "manual_intervention_rate",
    name: "Manual intervention rate",
    definition:
      "Share of completed transactions (succeeded, resolved, cancelled) that needed a replay or were resolved by hand.",
    kind: "rate",
    better: "lower",
  },
  integration_failure_rate: {
    id: "integration_failure_rate",
    name: "Integration failure rate",
    definition:
      "Share of transactions started in the period that failed at least once; also the share whose first attempt failed.",
    kind: "rate",
    better: "lower",
  },
  inventory_accuracy: {
    id: "inventory_accuracy",
    name: "Inventory accuracy",
    definition:
      "From the inventory snapshots of the period, share of SKU-locations where WMS and ERP on-hand agree within tolerance.",
    kind: "rate",
    better: "higher",
  },
  time_to_onboard: {
    id: "time_to_onboard",
    name: "Time to onboard",
    definition:
      "Site registration to its first successful transaction, per site and workflow, for those reaching it in the period (p50/p95).",
    kind: "duration",
    better: "lower",
  },
};

export interface DurationFigure {
  kind: "duration";
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface RateFigure {
  kind: "rate";
  value: number | null;
  numerator: number;
  denominator: number;
  // integration failure rate only: first-attempt failures / transactions
  firstAttemptValue?: number | null;
}

export type KpiFigure = DurationFigure | RateFigure;

export interface KpiInputs {
  orderReleaseLatency: readonly HistogramBin[];
  shipmentToInvoice: readonly HistogramBin[];
  resolution: readonly HistogramBin[];
  started: number;
  everFailed: number;
  firstAttemptFailed: number;
  completed: number;
  manual: number;
  inventory: { rows: number; agreeing: number };
  onboardMs: readonly number[]; // one duration per (site, workflow) first success in the period
}

function fromBins(bins: readonly HistogramBin[]): DurationFigure {
  const s = summarizeLatency(bins);
  return { kind: "duration", count: s.count, p50Ms: s.p50Ms, p95Ms: s.p95Ms };
}

export function computeKpis(i: KpiInputs): Record<KpiId, KpiFigure> {
  return {
    order_release_latency: fromBins(i.orderReleaseLatency),
    shipment_to_invoice_cycle_time: fromBins(i.shipmentToInvoice),
    exception_resolution_time: fromBins(i.resolution),
    manual_intervention_rate: {
      kind: "rate",
      value: rate(i.manual, i.completed),
      numerator: i.manual,
      denominator: i.completed,
    },
    integration_failure_rate: {
      kind: "rate",
      value: rate(i.everFailed, i.started),
      numerator: i.everFailed,
      denominator: i.started,
      firstAttemptValue: rate(i.firstAttemptFailed, i.started),
    },
    inventory_accuracy: {
      kind: "rate",
      value: rate(i.inventory.agreeing, i.inventory.rows),
      numerator: i.inventory.agreeing,
      denominator: i.inventory.rows,
    },
    // Few values (sites x workflows): exact percentiles, no histogram needed.
    time_to_onboard: {
      kind: "duration",
      count: i.onboardMs.length,
      p50Ms: exactPercentile(i.onboardMs, 0.5),
      p95Ms: exactPercentile(i.onboardMs, 0.95),
    },
  };
}

// The number a trend compares: p50 for durations, the rate for rates.
export function headline(f: KpiFigure): number | null {
  return f.kind === "duration" ? f.p50Ms : f.value;
}
