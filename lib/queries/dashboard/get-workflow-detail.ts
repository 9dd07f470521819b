import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import { summarizeLatency } from "@/lib/domain/dashboard/histogram";
import { viewSla } from "@/lib/domain/dashboard/view-sla";
import type { Layer, Status } from "@/lib/domain/vocabulary";
import { Prisma } from "@/lib/generated/prisma/client";
import { type DashboardDb, type DashboardFilter, hourWindow, inIds, resolveFilter, seriesUnit } from "./filter";
import { type FailureSignature, getFailureSignatures } from "./get-failure-signatures";
import { readRollupsFoldedAt } from "./read-freshness";
import { readRows } from "./read-rows";
import { readSiteSlas } from "./read-site-slas";
import { HISTOGRAM_COLUMNS, histogramsBy, latencyRows } from "./rollup-rows";
import { possiblyStuckAt, SHORTEST_SLA, SITE_SLA_JOIN, stuckAt } from "./site-sla-sql";

// One workflow: latency p50/p95/p99 over time (next to its SLA), throughput and failures
// by layer over time, its top error signatures and its stuck transactions.

export interface LatencyPoint {
  at: Date;
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface ThroughputPoint {
  at: Date;
  started: number;
  succeeded: number;
  failed: number; // failed at least once
  failedByLayer: Record<Layer, number>; // by the layer of the latest failure
}

export interface StuckTransaction {
  id: string;
  externalId: string;
  businessKey: string | null;
  site: string | null;
  status: Status;
  currentLayer: Layer;
  errorCode: string | null;
  errorMessage: string | null;
  lastEventAt: Date;
  valueAmount: string | null;
  valueCurrency: string | null;
}

export interface WorkflowDetail {
  workflow: string;
  // the SLA of the sites in view (lib/domain/dashboard/view-sla.ts), and every site's own
  slaMinutes: number;
  siteSlas: { site: string; slaMinutes: number }[];
  window: { from: Date; to: Date };
  unit: "hour" | "day";
  latency: LatencyPoint[];
  throughput: ThroughputPoint[];
  topErrors: FailureSignature[];
  stuck: StuckTransaction[]; // oldest first, at most 100
  // figures include everything ingested before this (live parts: now)
  updatedAt: Date;
}

interface CountRow {
  at: Date;
  started: number;
  succeeded: number;
  failed: number;
  source_api: number;
  middleware: number;
  broker: number;
  target_api: number;
}
interface HistogramRow {
  at: Date;
  bins: string;
  counts: string;
}
interface StuckRow {
  id: string;
  external_id: string;
  business_key: string | null;
  site: string | null;
  status: Status;
  current_layer: Layer;
  error_code: string | null;
  error_message: string | null;
  last_event_at: Date;
  amount: string | null;
  currency: string | null;
}

// null when the workflow does not exist.
export async function getWorkflowDetail(
  db: DashboardDb,
  workflowName: string,
  filter: DashboardFilter,
  scope: SiteScope = ALL_SITES,
  now = new Date(),
): Promise<WorkflowDetail | null> {
  const workflow = await db.prisma.workflow.findUnique({
    where: { name: workflowName },
    select: { id: true, name: true, slaMinutes: true },
  });
  if (!workflow) return null;
  const updatedAt = readRollupsFoldedAt(db.pool);
  const f = await resolveFilter(db.prisma, { ...filter, workflowNames: [workflowName] }, scope);
  const window = hourWindow(f.from, f.to);
  const unit = seriesUnit(window.from, window.to);
  const overrides = (await readSiteSlas(db.prisma, [workflow.id])).get(workflow.id) ?? [];
  const base = {
    workflow: workflow.name,
    slaMinutes: viewSla(workflow.slaMinutes, overrides, f.siteIds),
    siteSlas: overrides
      .filter((o) => f.siteIds === null || f.siteIds.includes(o.siteId))
      .map((o) => ({ site: o.site, slaMinutes: o.slaMinutes })),
    window,
    unit,
  };
  if (f.empty) return { ...base, latency: [], throughput: [], topErrors: [], stuck: [], updatedAt: await updatedAt };
  const where = Prisma.sql`workflow_id = ${workflow.id} AND bucket >= ${window.from} AND bucket < ${window.to} ${inIds(Prisma.sql`site_id`, f.siteIds)}`;
  const [counts, bins, stuck, failures] = await Promise.all([
    readRows<CountRow>(
      db.pool,
      Prisma.sql`
      SELECT date_trunc(${unit}, bucket, 'UTC') AS at, sum(started)::int AS started, sum(succeeded)::int AS succeeded,
             sum(ever_failed)::int AS failed, sum(failed_source_api)::int AS source_api, sum(failed_middleware)::int AS middleware,
             sum(failed_broker)::int AS broker, sum(failed_target_api)::int AS target_api
      FROM rollup_hourly WHERE ${where} GROUP BY 1 ORDER BY 1`,
    ),
    readRows<HistogramRow>(
      db.pool,
      Prisma.sql`
      SELECT date_trunc(${unit}, bucket, 'UTC') AS at, ${HISTOGRAM_COLUMNS}
      FROM ${unit === "day" ? latencyRows(window) : Prisma.sql`rollup_latency`} r
      WHERE metric = 'e2e' AND ${where}`,
    ),
    readRows<StuckRow>(
      db.pool,
      Prisma.sql`
      SELECT t.id::text, t.external_id, t.business_key, s.code AS site, t.status, t.current_layer,
             -- The error while it is the reason it waits, as in the stuck groups: a replay
             -- waiting for confirmation, or a retry that got through, is not failing.
             CASE WHEN t.status IN ('failed', 'dead_lettered', 'retrying') THEN t.error_code END AS error_code,
             CASE WHEN t.status IN ('failed', 'dead_lettered', 'retrying') THEN t.error_message END AS error_message,
             t.last_event_at, t.value_amount::text AS amount, t.value_currency::text AS currency
      FROM workflows w ${SHORTEST_SLA}
      JOIN transactions t ON t.workflow_id = w.id ${SITE_SLA_JOIN}
      LEFT JOIN sites s ON s.id = t.site_id
      WHERE w.id = ${workflow.id} AND t.status NOT IN ('succeeded', 'resolved', 'cancelled')
        AND ${possiblyStuckAt(now)} AND ${stuckAt(now)}
        AND t.last_event_at >= ${f.from} AND t.last_event_at < ${f.to} ${inIds(Prisma.sql`t.site_id`, f.siteIds)}
      ORDER BY t.last_event_at, t.id LIMIT 100`,
    ),
    getFailureSignatures(db, { ...filter, workflowNames: [workflowName] }, scope, 10),
  ]);
  return {
    ...base,
    latency: latencySeries(bins),
    throughput: counts.map((c) => ({
      at: c.at,
      started: c.started,
      succeeded: c.succeeded,
      failed: c.failed,
      failedByLayer: { source_api: c.source_api, middleware: c.middleware, broker: c.broker, target_api: c.target_api },
    })),
    topErrors: failures.signatures,
    updatedAt: await updatedAt,
    stuck: stuck.map((r) => ({
      id: r.id,
      externalId: r.external_id,
      businessKey: r.business_key,
      site: r.site,
      status: r.status,
      currentLayer: r.current_layer,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      lastEventAt: r.last_event_at,
      valueAmount: r.amount,
      valueCurrency: r.currency,
    })),
  };
}

function latencySeries(rows: HistogramRow[]): LatencyPoint[] {
  return [...histogramsBy(rows, (i) => rows[i]!.at.getTime())]
    .sort(([a], [b]) => a - b)
    .map(([at, bins]) => ({ at: new Date(at), ...summarizeLatency(bins) }));
}
