import type { Pool } from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { inIds, type ResolvedFilter } from "./filter";
import { readRows } from "./read-rows";
import { SITE_SLA_JOIN, stuckAt } from "./site-sla-sql";

// Live figures of open (not final) work per workflow, read through transactions_open_idx:
// the stuck count (each transaction against its site's SLA) and the value at risk (open
// transactions that are stuck or need a person), for transactions whose last progress
// falls in the window.

export interface OpenWork {
  stuck: number;
  atRisk: { amount: string | null; currency: string | null }[];
}

interface Row {
  workflow_id: number;
  stuck: number;
  currency: string | null;
  amount: string | null;
}

export async function readOpenWork(pool: Pool, f: ResolvedFilter, now: Date): Promise<Map<number, OpenWork>> {
  // One index range scan per workflow (LATERAL): with the join left to the planner it
  // scanned the whole open index when the tiny workflows table had no statistics.
  const rows = await readRows<Row>(
    pool,
    Prisma.sql`
    SELECT w.id AS workflow_id, x.stuck, x.currency, x.amount
    FROM workflows w
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE ${stuckAt(now)})::int AS stuck,
             t.value_currency::text AS currency,
             (sum(t.value_amount) FILTER (WHERE ${stuckAt(now)} OR t.status IN ('failed', 'dead_lettered')))::text AS amount
      FROM transactions t ${SITE_SLA_JOIN}
      WHERE t.workflow_id = w.id AND t.status NOT IN ('succeeded', 'resolved', 'cancelled')
        AND t.last_event_at >= ${f.from} AND t.last_event_at < ${f.to}
        ${inIds(Prisma.sql`t.site_id`, f.siteIds)}
      GROUP BY t.value_currency
    ) x
    WHERE true ${inIds(Prisma.sql`w.id`, f.workflowIds)}`,
  );
  const out = new Map<number, OpenWork>();
  for (const r of rows) {
    let w = out.get(r.workflow_id);
    if (!w) out.set(r.workflow_id, (w = { stuck: 0, atRisk: [] }));
    w.stuck += r.stuck;
    w.atRisk.push({ amount: r.amount, currency: r.currency });
  }
  return out;
}
