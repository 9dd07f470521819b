import type { Pool } from "pg";
import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import type { HistogramBin } from "@/lib/domain/dashboard/histogram";
import { countAgreeing, snapshotRows } from "@/lib/domain/dashboard/inventory-accuracy";
import {
  computeKpis,
  headline,
  KPI_DEFINITIONS,
  KPI_IDS,
  type KpiDefinition,
  type KpiFigure,
  type KpiId,
} from "@/lib/domain/dashboard/kpis";
import { type Change, change, previousPeriod } from "@/lib/domain/dashboard/rates";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  type DashboardDb,
  type DashboardFilter,
  hourWindow,
  inIds,
  type ResolvedFilter,
  resolveFilter,
} from "./filter";
import { readRollupsFoldedAt } from "./read-freshness";
import { readRows } from "./read-rows";
import { HISTOGRAM_COLUMNS, histogramsBy, latencyRowsWithPrevious } from "./rollup-rows";

// The seven KPIs of the domain guide for the window and the period before it. Definitions
// and arithmetic live in lib/domain/dashboard/kpis.ts; this file gathers their inputs.

export interface Kpi extends KpiDefinition {
  current: KpiFigure;
  previous: KpiFigure;
  trend: Change; // of the headline number: p50 for durations, the rate for rates
}

export interface Kpis {
  window: { from: Date; to: Date };
  previousWindow: { from: Date; to: Date };
  kpis: Kpi[];
  // figures include everything ingested before this (live parts: now)
  updatedAt: Date;
}

interface CountRow {
  current: boolean;
  started: number;
  ever_failed: number;
  first_attempt_failed: number;
  completed: number;
  manual: number;
}
interface HistogramRow {
  current: boolean;
  metric: string;
  bins: string;
  counts: string;
}
interface PayloadRow {
  current: boolean;
  payload: unknown;
}
interface OnboardRow {
  first_success: Date;
  registered: Date;
}

export async function getKpis(
  db: DashboardDb,
  filter: DashboardFilter,
  scope: SiteScope = ALL_SITES,
  inventoryTolerance = 0,
): Promise<Kpis> {
  const updatedAt = readRollupsFoldedAt(db.pool);
  const f = await resolveFilter(db.prisma, filter, scope);
  const window = hourWindow(f.from, f.to);
  const previousWindow = previousPeriod(window.from, window.to);
  const workflows = new Map(
    (await db.prisma.workflow.findMany({ select: { id: true, name: true } })).map((w) => [w.name, w.id]),
  );
  const none = {
    counts: [] as CountRow[],
    bins: [] as HistogramRow[],
    payloads: [] as PayloadRow[],
    onboard: [] as OnboardRow[],
  };
  const { counts, bins, payloads, onboard } = f.empty
    ? none
    : await readInputs(db.pool, f, window, previousWindow, workflows);
  const histograms = histogramsBy(bins, (i) => `${bins[i]!.current}|${bins[i]!.metric}`);
  const inputs = (current: boolean, range: { from: Date; to: Date }) => {
    const c = counts.find((r) => r.current === current);
    const hist = (metric: string): HistogramBin[] => histograms.get(`${current}|${metric}`) ?? [];
    return computeKpis({
      orderReleaseLatency: hist("order_release"),
      shipmentToInvoice: hist("ship_to_invoice"),
      resolution: hist("resolution"),
      started: c?.started ?? 0,
      everFailed: c?.ever_failed ?? 0,
      firstAttemptFailed: c?.first_attempt_failed ?? 0,
      completed: c?.completed ?? 0,
      manual: c?.manual ?? 0,
      inventory: sumAccuracy(
        payloads.filter((p) => p.current === current),
        inventoryTolerance,
      ),
      onboardMs: onboard
        .filter((o) => o.first_success >= range.from && o.first_success < range.to)
        .map((o) => o.first_success.getTime() - o.registered.getTime()),
    });
  };
  const current = inputs(true, window);
  const previous = inputs(false, previousWindow);
  return {
    window,
    previousWindow,
    kpis: KPI_IDS.map((id: KpiId) => ({
      ...KPI_DEFINITIONS[id],
      current: current[id],
      previous: previous[id],
      trend: change(headline(current[id]), headline(previous[id])),
    })),
    updatedAt: await updatedAt,
  };
}

function sumAccuracy(payloads: PayloadRow[], tolerance: number): { rows: number; agreeing: number } {
  return payloads
    .map((p) => countAgreeing(snapshotRows(p.payload), tolerance))
    .reduce((a, b) => ({ rows: a.rows + b.rows, agreeing: a.agreeing + b.agreeing }), { rows: 0, agreeing: 0 });
}

async function readInputs(
  pool: Pool,
  f: ResolvedFilter,
  window: { from: Date; to: Date },
  previous: { from: Date; to: Date },
  workflows: Map<string, number>,
) {
  const sites = (column: string) => inIds(Prisma.raw(column), f.siteIds);
  const flows = (column: string) => inIds(Prisma.raw(column), f.workflowIds);
  const orderRelease = workflows.get("order_release") ?? -1;
  const snapshot = workflows.get("inventory_snapshot") ?? -1;
  const [counts, bins, payloads, onboard] = await Promise.all([
    readRows<CountRow>(
      pool,
      Prisma.sql`
      SELECT bucket >= ${window.from} AS current, sum(started)::int AS started, sum(ever_failed)::int AS ever_failed,
             sum(first_attempt_failed)::int AS first_attempt_failed, sum(succeeded + resolved + cancelled)::int AS completed,
             sum(manual)::int AS manual
      FROM rollup_hourly WHERE bucket >= ${previous.from} AND bucket < ${window.to} ${sites("site_id")} ${flows("workflow_id")}
      GROUP BY 1`,
    ),
    // order release latency is the e2e latency of order_release; the other two are their own metrics
    readRows<HistogramRow>(
      pool,
      Prisma.sql`
      SELECT current, CASE WHEN metric = 'e2e' THEN 'order_release' ELSE metric END AS metric, ${HISTOGRAM_COLUMNS}
      FROM ${latencyRowsWithPrevious(window, previous)} r
      WHERE true ${sites("site_id")} ${flows("workflow_id")}
        AND (metric IN ('resolution', 'ship_to_invoice') OR (metric = 'e2e' AND workflow_id = ${orderRelease}))`,
    ),
    // The snapshot document: the first event of the snapshot transaction that carries rows.
    readRows<PayloadRow>(
      pool,
      Prisma.sql`
      SELECT DISTINCT ON (t.id) t.first_event_at >= ${window.from} AS current, p.payload
      FROM transactions t JOIN events e ON e.transaction_id = t.id JOIN event_payloads p ON p.event_id = e.id
      WHERE t.workflow_id = ${snapshot} AND t.first_event_at >= ${previous.from} AND t.first_event_at < ${window.to}
        ${sites("t.site_id")} ${flows("t.workflow_id")} AND json_typeof(p.payload -> 'rows') = 'array'
      ORDER BY t.id, e.occurred_at, e.id`,
    ),
    // First success ever per site x workflow (one index probe each), from the later of the
    // site's and the workflow's registration.
    readRows<OnboardRow>(
      pool,
      Prisma.sql`
      SELECT x.first_success, greatest(s.created_at, w.created_at) AS registered
      FROM sites s CROSS JOIN workflows w
      CROSS JOIN LATERAL (
        SELECT min(r.first_success_at) AS first_success FROM rollup_hourly r
        WHERE r.workflow_id = w.id AND r.site_id = s.id AND r.first_success_at IS NOT NULL
      ) x
      WHERE x.first_success IS NOT NULL ${sites("s.id")} ${flows("w.id")}`,
    ),
  ]);
  return { counts, bins, payloads, onboard };
}
