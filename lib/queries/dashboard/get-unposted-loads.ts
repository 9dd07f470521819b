import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import { summarizeLatency } from "@/lib/domain/dashboard/histogram";
import { type Money, mergeMoney, sumByCurrency } from "@/lib/domain/dashboard/money";
import { viewSla } from "@/lib/domain/dashboard/view-sla";
import { Prisma } from "@/lib/generated/prisma/client";
import { type DashboardDb, type DashboardFilter, hourWindow, inIds, resolveFilter } from "./filter";
import { readRollupsFoldedAt } from "./read-freshness";
import { readRows } from "./read-rows";
import { readSiteSlas } from "./read-site-slas";
import { HISTOGRAM_COLUMNS, histogramsBy, latencyRows } from "./rollup-rows";

// Finance: loads shipped (shipment confirmed at the WMS) in the window with no posted
// invoice past the invoice_posting SLA at their site, where each is held, the value
// waiting per currency, and the shipment-to-invoice cycle time per day. Reads unposted_shipments and
// rollup_latency (maintained by lib/jobs/rollups/refresh-rollups.ts). The workflow filter does not
// apply: this view is about the shipment -> invoice pair by definition.

export const HELD_AT = ["shipment_not_delivered", "invoice_failed", "awaiting_invoice"] as const;
export type HeldAt = (typeof HELD_AT)[number];

export interface UnpostedLoad {
  loadId: string;
  site: string | null;
  heldAt: HeldAt;
  shipments: number;
  shippedAt: Date; // oldest shipment of the load held there
  ageMinutes: number;
  value: Money[];
  errorCode: string | null;
}

export interface CycleTimeDay {
  day: Date; // UTC midnight
  invoices: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface UnpostedLoads {
  asOf: Date;
  // the invoicing SLA of the sites in view (lib/domain/dashboard/view-sla.ts)
  slaMinutes: number;
  loads: UnpostedLoad[]; // oldest first
  totals: { loads: number; shipments: number; value: Money[]; byHeldAt: Record<HeldAt, number> };
  cycleTime: CycleTimeDay[];
  // figures include everything ingested before this (live parts: now)
  updatedAt: Date;
}

interface LoadRow {
  load_id: string;
  site: string | null;
  held_at: HeldAt;
  shipments: number;
  shipped_at: Date;
  currency: string | null;
  amount: string | null;
  error_code: string | null;
}
interface HistogramRow {
  day: Date;
  bins: string;
  counts: string;
}

export async function getUnpostedLoads(
  db: DashboardDb,
  filter: DashboardFilter,
  scope: SiteScope = ALL_SITES,
  now = new Date(),
): Promise<UnpostedLoads> {
  const updatedAt = readRollupsFoldedAt(db.pool);
  const f = await resolveFilter(db.prisma, { ...filter, workflowNames: undefined }, scope);
  const invoicing = await db.prisma.workflow.findUnique({
    where: { name: "invoice_posting" },
    select: { id: true, slaMinutes: true },
  });
  const overrides = invoicing ? ((await readSiteSlas(db.prisma, [invoicing.id])).get(invoicing.id) ?? []) : [];
  const workflowSla = invoicing?.slaMinutes ?? 60;
  const slaMinutes = viewSla(workflowSla, overrides, f.siteIds);
  const byHeldAt = { shipment_not_delivered: 0, invoice_failed: 0, awaiting_invoice: 0 };
  if (f.empty)
    return {
      asOf: now,
      slaMinutes,
      loads: [],
      totals: { loads: 0, shipments: 0, value: [], byHeldAt },
      cycleTime: [],
      updatedAt: await updatedAt,
    };
  const window = hourWindow(f.from, f.to);
  const [rows, bins] = await Promise.all([
    readRows<LoadRow>(
      db.pool,
      Prisma.sql`
      SELECT u.load_id, s.code AS site, u.held_at, count(*)::int AS shipments, min(u.shipped_at) AS shipped_at,
             u.value_currency::text AS currency, sum(u.value_amount)::text AS amount, min(u.error_code) AS error_code
      FROM unposted_shipments u LEFT JOIN sites s ON s.id = u.site_id
      LEFT JOIN workflow_site_slas site_sla ON site_sla.workflow_id = ${invoicing?.id ?? 0} AND site_sla.site_id = u.site_id
      WHERE u.shipped_at >= ${f.from} AND u.shipped_at < ${f.to}
        AND u.shipped_at < ${now}::timestamptz - coalesce(site_sla.sla_minutes, ${workflowSla}) * interval '1 minute'
        ${inIds(Prisma.sql`u.site_id`, f.siteIds)}
      GROUP BY u.load_id, s.code, u.held_at, u.value_currency`,
    ),
    invoicing
      ? readRows<HistogramRow>(
          db.pool,
          Prisma.sql`
          SELECT date_trunc('day', bucket, 'UTC') AS day, ${HISTOGRAM_COLUMNS}
          FROM ${latencyRows(window)} r
          WHERE metric = 'ship_to_invoice' AND workflow_id = ${invoicing.id} ${inIds(Prisma.sql`site_id`, f.siteIds)}`,
        )
      : Promise.resolve([]),
  ]);
  const loads = mergeLoads(rows, now);
  for (const l of loads) byHeldAt[l.heldAt] += 1;
  return {
    asOf: now,
    slaMinutes,
    loads,
    totals: {
      loads: new Set(loads.map((l) => l.loadId)).size,
      shipments: loads.reduce((n, l) => n + l.shipments, 0),
      value: mergeMoney(loads.map((l) => l.value)),
      byHeldAt,
    },
    cycleTime: perDay(bins),
    updatedAt: await updatedAt,
  };
}

// SQL rows come per currency; one entry per (load, site, where held).
function mergeLoads(rows: LoadRow[], now: Date): UnpostedLoad[] {
  const byKey = new Map<string, LoadRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.load_id, r.site, r.held_at]);
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return [...byKey.values()]
    .map((rs) => {
      const shippedAt = new Date(Math.min(...rs.map((r) => r.shipped_at.getTime())));
      return {
        loadId: rs[0]!.load_id,
        site: rs[0]!.site,
        heldAt: rs[0]!.held_at,
        shipments: rs.reduce((n, r) => n + r.shipments, 0),
        shippedAt,
        ageMinutes: Math.floor((now.getTime() - shippedAt.getTime()) / 60_000),
        value: sumByCurrency(rs.map((r) => ({ amount: r.amount, currency: r.currency }))),
        errorCode: rs.map((r) => r.error_code).find((c) => c !== null) ?? null,
      };
    })
    .sort((a, b) => a.shippedAt.getTime() - b.shippedAt.getTime() || (a.loadId < b.loadId ? -1 : 1));
}

function perDay(rows: HistogramRow[]): CycleTimeDay[] {
  return [...histogramsBy(rows, (i) => rows[i]!.day.getTime())]
    .sort(([a], [b]) => a - b)
    .map(([day, hist]) => {
      const s = summarizeLatency(hist);
      return { day: new Date(day), invoices: s.count, p50Ms: s.p50Ms, p95Ms: s.p95Ms };
    });
}
