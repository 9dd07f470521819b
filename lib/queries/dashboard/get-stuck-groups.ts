import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import { type Money, mergeMoney, sumByCurrency } from "@/lib/domain/dashboard/money";
import { compareStuckImpact, type StuckCause, stuckSentence } from "@/lib/domain/dashboard/stuck";
import type { Layer, Status } from "@/lib/domain/vocabulary";
import { Prisma } from "@/lib/generated/prisma/client";
import { type DashboardDb, type DashboardFilter, inIds, resolveFilter } from "./filter";
import { readLiveAsOf } from "./read-freshness";
import { readRows } from "./read-rows";
import { possiblyStuckAt, SHORTEST_SLA, SITE_SLA_JOIN, stuckAt } from "./site-sla-sql";

// Stuck work grouped by workflow, site and cause, in business-impact order, each group
// with one sentence. Stuck: not final and no progress for longer than the workflow's SLA
// at the transaction's site (./site-sla-sql.ts) at `now`; the time range selects
// transactions whose last progress falls in it. Live from transactions
// (transactions_open_idx), not from rollups: stuck depends on the clock.

export interface StuckGroup {
  workflow: string;
  site: string | null;
  cause: StuckCause;
  errorSignature: string | null;
  count: number;
  oldestSince: Date;
  oldestAgeMinutes: number;
  waitingMinutes: number;
  value: Money[];
  sentence: string;
}

export interface StuckGroups {
  asOf: Date;
  groups: StuckGroup[];
  total: { count: number; value: Money[] };
  // live: as fresh as the request (less the lag when read from a replica)
  updatedAt: Date;
}

interface Row {
  workflow: string;
  sla_minutes: number;
  site: string | null;
  status: Status;
  layer: Layer;
  error_signature: string | null;
  error_code: string | null;
  error_message: string | null;
  target_system: string | null;
  currency: string | null;
  amount: string | null;
  count: number;
  oldest: Date;
  waiting_minutes: number;
}

export async function getStuckGroups(
  db: DashboardDb,
  filter: DashboardFilter,
  scope: SiteScope = ALL_SITES,
  now = new Date(),
): Promise<StuckGroups> {
  const f = await resolveFilter(db.prisma, filter, scope);
  if (f.empty) return { asOf: now, groups: [], total: { count: 0, value: [] }, updatedAt: now };
  // The cause of a group: the error signature while the transaction waits on a failure,
  // otherwise the status and layer where it waits (a replay after a failure is waiting for
  // the target's confirmation, not failing). Per workflow (LATERAL), an index-only range scan of
  // transactions_open_idx, whatever the planner believes about the small workflows table;
  // byte-order text minimums and float epoch sums keep the grouping cheap.
  const updatedAt = readLiveAsOf(db.pool, now);
  const rows = await readRows<Row>(
    db.pool,
    Prisma.sql`
    SELECT w.name AS workflow, w.sla_minutes, s.code AS site, x.*
    FROM workflows w
    ${SHORTEST_SLA}
    CROSS JOIN LATERAL (
      SELECT t.site_id, t.status,
             CASE WHEN t.status IN ('failed', 'dead_lettered', 'retrying') THEN coalesce(t.failed_layer, t.current_layer) ELSE t.current_layer END AS layer,
             CASE WHEN t.status IN ('failed', 'dead_lettered', 'retrying') THEN t.error_signature END AS error_signature,
             min(t.error_code COLLATE "C") FILTER (WHERE t.status IN ('failed', 'dead_lettered', 'retrying')) AS error_code,
             min(t.error_message COLLATE "C") FILTER (WHERE t.status IN ('failed', 'dead_lettered', 'retrying')) AS error_message,
             min(t.target_system COLLATE "C") AS target_system,
             t.value_currency::text AS currency, sum(t.value_amount)::text AS amount,
             count(*)::int AS count, min(t.last_event_at) AS oldest,
             (sum(date_part('epoch', ${now}::timestamptz - t.last_event_at)) / 60)::float8 AS waiting_minutes
      FROM transactions t ${SITE_SLA_JOIN}
      WHERE t.workflow_id = w.id AND t.status NOT IN ('succeeded', 'resolved', 'cancelled')
        AND ${possiblyStuckAt(now)} AND ${stuckAt(now)}
        AND t.last_event_at >= ${f.from} AND t.last_event_at < ${f.to}
        ${inIds(Prisma.sql`t.site_id`, f.siteIds)}
      GROUP BY t.site_id, 2, 3, 4, t.value_currency
    ) x
    LEFT JOIN sites s ON s.id = x.site_id
    WHERE true ${inIds(Prisma.sql`w.id`, f.workflowIds)}`,
  );
  const groups = merge(rows, now).sort(compareStuckImpact);
  return {
    asOf: now,
    groups,
    total: { count: groups.reduce((n, g) => n + g.count, 0), value: mergeMoney(groups.map((g) => g.value)) },
    updatedAt: await updatedAt,
  };
}

// Rows come per currency (values are summed per currency in SQL); one group per cause.
function merge(rows: Row[], now: Date): StuckGroup[] {
  const byKey = new Map<string, { rows: Row[] }>();
  for (const r of rows) {
    const key = JSON.stringify([r.workflow, r.site, r.status, r.layer, r.error_signature]);
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { rows: [] }));
    g.rows.push(r);
  }
  return [...byKey.values()].map(({ rows: rs }) => {
    const first = rs[0]!;
    const oldest = new Date(Math.min(...rs.map((r) => r.oldest.getTime())));
    const cause: StuckCause = {
      status: first.status,
      layer: first.layer,
      targetSystem: rs.map((r) => r.target_system).find((t) => t !== null) ?? null,
      errorCode: rs.map((r) => r.error_code).find((c) => c !== null) ?? null,
      errorMessage: rs.map((r) => r.error_message).find((m) => m !== null) ?? null,
    };
    const count = rs.reduce((n, r) => n + r.count, 0);
    return {
      workflow: first.workflow,
      site: first.site,
      cause,
      errorSignature: first.error_signature,
      count,
      oldestSince: oldest,
      oldestAgeMinutes: Math.floor((now.getTime() - oldest.getTime()) / 60_000),
      waitingMinutes: rs.reduce((n, r) => n + r.waiting_minutes, 0),
      value: sumByCurrency(rs.map((r) => ({ amount: r.amount, currency: r.currency }))),
      sentence: stuckSentence(
        {
          count,
          workflow: first.workflow,
          site: first.site,
          oldestSince: oldest,
          cause,
          slaMinutes: first.sla_minutes,
        },
        now,
      ),
    };
  });
}
