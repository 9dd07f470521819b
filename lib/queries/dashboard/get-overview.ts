import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import { type HistogramBin, summarizeLatency } from "@/lib/domain/dashboard/histogram";
import { type Money, sumByCurrency } from "@/lib/domain/dashboard/money";
import { type Change, change, previousPeriod, rate } from "@/lib/domain/dashboard/rates";
import { viewSla } from "@/lib/domain/dashboard/view-sla";
import { Prisma } from "@/lib/generated/prisma/client";
import { type DashboardDb, type DashboardFilter, hourWindow, inIds, resolveFilter } from "./filter";
import { readRollupsFoldedAt } from "./read-freshness";
import { type OpenWork, readOpenWork } from "./read-open-work";
import { readRows } from "./read-rows";
import { readSiteSlas } from "./read-site-slas";
import { HISTOGRAM_COLUMNS, histogramsBy, latencyRowsWithPrevious } from "./rollup-rows";

// Overview: one card per workflow. Throughput, failure rate and latency count the
// transactions that started in the window (hourly rollups); stuck work and value at risk
// are live (transactions that went quiet in the window and are stuck now).

export interface PeriodFigures {
  throughput: number;
  failureRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface SparkPoint {
  at: Date; // start of the hour
  started: number;
  failed: number; // of those, failed at least once
}

export interface WorkflowCard extends PeriodFigures {
  workflow: string;
  // the SLA of the sites in view (lib/domain/dashboard/view-sla.ts)
  slaMinutes: number;
  stuck: number;
  // value of open transactions that are stuck or need a person, one entry per currency
  valueAtRisk: Money[];
  sparkline: SparkPoint[];
  previous: PeriodFigures;
  change: { throughput: Change; failureRate: Change; p50Ms: Change; p95Ms: Change };
}

export interface Overview {
  window: { from: Date; to: Date };
  previousWindow: { from: Date; to: Date };
  cards: WorkflowCard[];
  // figures include everything ingested before this (live parts: now)
  updatedAt: Date;
}

interface CountRow {
  workflow_id: number;
  bucket: Date;
  started: number;
  failed: number;
}
interface HistogramRow {
  workflow_id: number;
  current: boolean;
  bins: string;
  counts: string;
}

export async function getOverview(
  db: DashboardDb,
  filter: DashboardFilter,
  scope: SiteScope = ALL_SITES,
  now = new Date(),
): Promise<Overview> {
  const updatedAt = readRollupsFoldedAt(db.pool);
  const f = await resolveFilter(db.prisma, filter, scope);
  const window = hourWindow(f.from, f.to);
  const previousWindow = previousPeriod(window.from, window.to);
  const workflows = await db.prisma.workflow.findMany({
    where: f.workflowIds ? { id: { in: f.workflowIds } } : {},
    select: { id: true, name: true, slaMinutes: true },
    orderBy: { name: "asc" },
  });
  if (f.empty) return { window, previousWindow, cards: [], updatedAt: await updatedAt };
  const [counts, bins, open, siteSlas] = await Promise.all([
    readRows<CountRow>(
      db.pool,
      Prisma.sql`
      SELECT workflow_id, bucket, sum(started)::int AS started, sum(ever_failed)::int AS failed
      FROM rollup_hourly
      WHERE bucket >= ${previousWindow.from} AND bucket < ${window.to}
        ${inIds(Prisma.sql`site_id`, f.siteIds)} ${inIds(Prisma.sql`workflow_id`, f.workflowIds)}
      GROUP BY workflow_id, bucket`,
    ),
    readRows<HistogramRow>(
      db.pool,
      Prisma.sql`
      SELECT workflow_id, current, ${HISTOGRAM_COLUMNS}
      FROM ${latencyRowsWithPrevious(window, previousWindow)} r
      WHERE metric = 'e2e'
        ${inIds(Prisma.sql`site_id`, f.siteIds)} ${inIds(Prisma.sql`workflow_id`, f.workflowIds)}`,
    ),
    readOpenWork(db.pool, f, now),
    readSiteSlas(
      db.prisma,
      workflows.map((w) => w.id),
    ),
  ]);
  const hist = histogramsBy(bins, (i) => `${bins[i]!.workflow_id}|${bins[i]!.current}`);
  const cards = workflows.map((w) =>
    card(
      { ...w, slaMinutes: viewSla(w.slaMinutes, siteSlas.get(w.id) ?? [], f.siteIds) },
      window,
      counts.filter((c) => c.workflow_id === w.id),
      { current: hist.get(`${w.id}|true`) ?? [], previous: hist.get(`${w.id}|false`) ?? [] },
      open.get(w.id),
    ),
  );
  return { window, previousWindow, cards, updatedAt: await updatedAt };
}

function card(
  w: { id: number; name: string; slaMinutes: number },
  window: { from: Date; to: Date },
  counts: CountRow[],
  bins: { current: HistogramBin[]; previous: HistogramBin[] },
  open: OpenWork | undefined,
): WorkflowCard {
  const isCurrent = (c: CountRow) => c.bucket >= window.from;
  const figures = (rows: CountRow[], hist: HistogramBin[]): PeriodFigures => {
    const started = rows.reduce((n, r) => n + r.started, 0);
    const failed = rows.reduce((n, r) => n + r.failed, 0);
    const latency = summarizeLatency(hist);
    return { throughput: started, failureRate: rate(failed, started), p50Ms: latency.p50Ms, p95Ms: latency.p95Ms };
  };
  const current = figures(counts.filter(isCurrent), bins.current);
  const previous = figures(
    counts.filter((c) => !isCurrent(c)),
    bins.previous,
  );
  return {
    workflow: w.name,
    slaMinutes: w.slaMinutes,
    ...current,
    stuck: open?.stuck ?? 0,
    valueAtRisk: open ? sumByCurrency(open.atRisk) : [],
    sparkline: sparkline(window, counts.filter(isCurrent)),
    previous,
    change: {
      throughput: change(current.throughput, previous.throughput),
      failureRate: change(current.failureRate, previous.failureRate),
      p50Ms: change(current.p50Ms, previous.p50Ms),
      p95Ms: change(current.p95Ms, previous.p95Ms),
    },
  };
}

// One point per hour of the window, zeros included, so charts need no gap filling.
function sparkline(window: { from: Date; to: Date }, rows: CountRow[]): SparkPoint[] {
  const byHour = new Map(rows.map((r) => [r.bucket.getTime(), r]));
  const points: SparkPoint[] = [];
  for (let t = window.from.getTime(); t < window.to.getTime(); t += 3_600_000) {
    const r = byHour.get(t);
    points.push({ at: new Date(t), started: r?.started ?? 0, failed: r?.failed ?? 0 });
  }
  return points;
}
