import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import { type Money, sumByCurrency } from "@/lib/domain/dashboard/money";
import type { Layer } from "@/lib/domain/vocabulary";
import { Prisma } from "@/lib/generated/prisma/client";
import { type DashboardDb, type DashboardFilter, hourWindow, inIds, resolveFilter, seriesUnit } from "./filter";
import { readRollupsFoldedAt } from "./read-freshness";
import { readRows } from "./read-rows";
import { rollupRows } from "./rollup-rows";

// Failures: error signatures (layer + target + normalised error) of transactions started
// in the window, with the transactions they affect, how many are still open, their value
// per currency, first/last seen and a count series. From rollup_failures. A transaction
// counts under the signature of its latest failure.

export interface FailureSignature {
  errorSignature: string;
  layer: Layer;
  targetSystem: string | null;
  errorCode: string | null;
  transactions: number;
  open: number;
  value: Money[];
  firstSeen: Date;
  lastSeen: Date;
  workflows: string[];
  sites: string[];
  series: { at: Date; transactions: number }[]; // per hour or day (seriesUnit), zeros left out
}

export interface FailureSignatures {
  window: { from: Date; to: Date };
  unit: "hour" | "day";
  signatures: FailureSignature[]; // most affected transactions first
  byLayerAndTarget: { layer: Layer; targetSystem: string | null; transactions: number; signatures: number }[];
  // figures include everything ingested before this (live parts: now)
  updatedAt: Date;
}

interface Row {
  error_signature: string;
  layer: Layer;
  target_system: string;
  error_code: string | null;
  currency: string;
  transactions: number;
  open: number;
  amount: string;
  first_seen: Date;
  last_seen: Date;
  workflows: string[];
  sites: (string | null)[];
}

interface PointRow {
  error_signature: string;
  at: Date;
  transactions: number;
}

export async function getFailureSignatures(
  db: DashboardDb,
  filter: DashboardFilter,
  scope: SiteScope = ALL_SITES,
  limit = 50,
): Promise<FailureSignatures> {
  const updatedAt = readRollupsFoldedAt(db.pool);
  const f = await resolveFilter(db.prisma, filter, scope);
  const window = hourWindow(f.from, f.to);
  const unit = seriesUnit(window.from, window.to);
  if (f.empty) return { window, unit, signatures: [], byLayerAndTarget: [], updatedAt: await updatedAt };
  // Daily rows for whole days unless the series is hourly.
  const source =
    unit === "day"
      ? rollupRows(Prisma.sql`rollup_failures`, Prisma.sql`rollup_failures_daily`, Prisma.sql`*`, window)
      : Prisma.sql`rollup_failures`;
  const where = Prisma.sql`r.bucket >= ${window.from} AND r.bucket < ${window.to}
    ${inIds(Prisma.sql`r.site_id`, f.siteIds)} ${inIds(Prisma.sql`r.workflow_id`, f.workflowIds)}`;
  const [rows, points] = await Promise.all([
    readRows<Row>(
      db.pool,
      Prisma.sql`
      SELECT r.error_signature, r.layer, r.target_system, min(r.error_code) AS error_code, r.value_currency AS currency,
             sum(r.transactions)::int AS transactions, sum(r.open)::int AS open, sum(r.value_amount)::text AS amount,
             min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen,
             array_agg(DISTINCT w.name) AS workflows, array_agg(DISTINCT s.code) AS sites
      FROM ${source} r JOIN workflows w ON w.id = r.workflow_id LEFT JOIN sites s ON s.id = r.site_id
      WHERE ${where}
      GROUP BY r.error_signature, r.layer, r.target_system, r.value_currency`,
    ),
    readRows<PointRow>(
      db.pool,
      Prisma.sql`
      SELECT r.error_signature, date_trunc(${unit}, r.bucket, 'UTC') AS at, sum(r.transactions)::int AS transactions
      FROM ${source} r WHERE ${where}
      GROUP BY 1, 2`,
    ),
  ]);
  const signatures = merge(rows, points).slice(0, limit);
  return { window, unit, signatures, byLayerAndTarget: byLayerAndTarget(merge(rows, [])), updatedAt: await updatedAt };
}

function merge(rows: Row[], points: PointRow[]): FailureSignature[] {
  const series = new Map<string, { at: Date; transactions: number }[]>();
  for (const p of points) {
    let list = series.get(p.error_signature);
    if (!list) series.set(p.error_signature, (list = []));
    list.push({ at: p.at, transactions: p.transactions });
  }
  const bySignature = new Map<string, Row[]>();
  for (const r of rows) {
    let list = bySignature.get(r.error_signature);
    if (!list) bySignature.set(r.error_signature, (list = []));
    list.push(r);
  }
  return [...bySignature]
    .map(([signature, rs]) => ({
      errorSignature: signature,
      layer: rs[0]!.layer,
      targetSystem: rs[0]!.target_system === "-" || rs[0]!.target_system === "" ? null : rs[0]!.target_system,
      errorCode: rs.map((r) => r.error_code).find((c) => c !== null) ?? null,
      transactions: rs.reduce((n, r) => n + r.transactions, 0),
      open: rs.reduce((n, r) => n + r.open, 0),
      value: sumByCurrency(rs.map((r) => ({ amount: r.amount, currency: r.currency || null }))),
      firstSeen: new Date(Math.min(...rs.map((r) => r.first_seen.getTime()))),
      lastSeen: new Date(Math.max(...rs.map((r) => r.last_seen.getTime()))),
      workflows: [...new Set(rs.flatMap((r) => r.workflows))].sort(),
      sites: [...new Set(rs.flatMap((r) => r.sites).filter((s): s is string => s !== null))].sort(),
      series: (series.get(signature) ?? []).sort((a, b) => a.at.getTime() - b.at.getTime()),
    }))
    .sort((a, b) => b.transactions - a.transactions || (a.errorSignature < b.errorSignature ? -1 : 1));
}

function byLayerAndTarget(signatures: FailureSignature[]): FailureSignatures["byLayerAndTarget"] {
  const groups = new Map<string, FailureSignatures["byLayerAndTarget"][number]>();
  for (const s of signatures) {
    const key = `${s.layer}|${s.targetSystem ?? ""}`;
    const g = groups.get(key) ?? { layer: s.layer, targetSystem: s.targetSystem, transactions: 0, signatures: 0 };
    g.transactions += s.transactions;
    g.signatures += 1;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.transactions - a.transactions);
}
