import type { Pool, PoolClient } from "pg";
import type { AlertFigure, AlertRuleKind } from "@/lib/domain/alerts/rule";

// The figures one alert rule is judged on, at `now`, read straight from transactions
// through the indexes the dashboards use, so each stays a small range scan at 10M rows:
// - failure rate: transactions_first_event_at_idx over the window (started in it);
// - stuck: transactions_open_idx (partial, open work only) for the workflow;
// - p95 latency and no traffic: the last_event_at index over the window.
// Not from the hourly rollups: windows are minutes long and must not wait for a refresh.

export interface AlertFigureTarget {
  kind: AlertRuleKind;
  workflowId: number | null;
  siteId: number | null;
  systemId: number | null;
  systemName: string | null;
  currency: string | null;
  windowMinutes: number;
}

type Queryable = Pick<Pool | PoolClient, "query">;

export async function readAlertFigure(db: Queryable, t: AlertFigureTarget, now: Date): Promise<AlertFigure> {
  const from = new Date(now.getTime() - t.windowMinutes * 60_000);
  switch (t.kind) {
    case "failure_rate": {
      const { rows } = await db.query<{ started: number; failed: number }>(
        `SELECT count(*)::int AS started, count(*) FILTER (WHERE ever_failed)::int AS failed
         FROM transactions
         WHERE first_event_at >= $1 AND first_event_at < $2 AND workflow_id = $3 AND ($4::int IS NULL OR site_id = $4)`,
        [from, now, t.workflowId, t.siteId],
      );
      return { kind: "failure_rate", started: rows[0]!.started, failed: rows[0]!.failed };
    }
    case "stuck_count":
    case "stuck_value": {
      // Stuck: not final and no progress for longer than the workflow's SLA at the
      // transaction's site (any age). The shortest SLA of any site bounds the index scan,
      // as in lib/queries/dashboard/site-sla-sql.ts.
      const { rows } = await db.query<{ count: number; value: string | null }>(
        `SELECT count(*)::int AS count, coalesce(sum(t.value_amount) FILTER (WHERE t.value_currency = $4), 0)::text AS value
         FROM workflows w JOIN transactions t ON t.workflow_id = w.id
         LEFT JOIN workflow_site_slas site_sla ON site_sla.workflow_id = t.workflow_id AND site_sla.site_id = t.site_id
         WHERE w.id = $1 AND t.status NOT IN ('succeeded', 'resolved', 'cancelled')
           AND t.last_event_at < $2::timestamptz - (
             SELECT least(sw.sla_minutes, min(o.sla_minutes)) FROM workflows sw LEFT JOIN workflow_site_slas o ON o.workflow_id = sw.id
             WHERE sw.id = $1 GROUP BY sw.sla_minutes) * interval '1 minute'
           AND t.last_event_at < $2::timestamptz - coalesce(site_sla.sla_minutes, w.sla_minutes) * interval '1 minute'
           AND ($3::int IS NULL OR t.site_id = $3)`,
        [t.workflowId, now, t.siteId, t.currency],
      );
      return { kind: "stuck", count: rows[0]!.count, value: Number(rows[0]!.value ?? 0) };
    }
    case "p95_latency": {
      // Transactions that completed in the window (their last event is their completion).
      const { rows } = await db.query<{ completed: number; p95: number | null }>(
        `SELECT count(*)::int AS completed, percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms)::float8 AS p95
         FROM transactions
         WHERE last_event_at >= $1 AND last_event_at <= $2 AND completed_at >= $1 AND latency_ms IS NOT NULL
           AND workflow_id = $3 AND ($4::int IS NULL OR site_id = $4)`,
        [from, now, t.workflowId, t.siteId],
      );
      return { kind: "p95_latency", completed: rows[0]!.completed, p95Ms: rows[0]!.p95 };
    }
    case "no_traffic": {
      // Any transaction sent by the system or naming it as its source, with an event in
      // the window; stops at the first one found.
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT 1 FROM transactions
           WHERE last_event_at >= $1 AND last_event_at <= $2 AND (sender_system_id = $3 OR source_system = $4)
           LIMIT 1) x`,
        [from, now, t.systemId, t.systemName],
      );
      return { kind: "no_traffic", transactions: rows[0]!.n };
    }
  }
}
