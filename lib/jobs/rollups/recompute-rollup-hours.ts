import type { PoolClient } from "pg";
import { invoiceCycles } from "./fold-touched";
import { HOUR_JOIN, IN_HOURS, WORKFLOW_IDS } from "./rollup-sql";

// Recomputes rollup_hourly, rollup_latency and rollup_failures for whole hours from the
// transactions that started in them (and the daily tables for their days): what
// `rollups:rebuild` and `rollups:verify` do for a range (lib/jobs/rollups/rebuild-rollups.ts).
export async function recomputeRollupHours(client: PoolClient, hours: Date[]): Promise<number> {
  for (const table of ["rollup_hourly", "rollup_latency", "rollup_failures"]) {
    await client.query(`DELETE FROM ${table} WHERE bucket = ANY($1::timestamptz[])`, [hours]);
  }
  await recomputeInvoiceCycles(client, hours);
  const { rows } = await client.query<{ n: number }>(RECOMPUTE_HOURS, [hours]);
  await recomputeDays(client, hours);
  return rows[0]?.n ?? 0;
}

// The cycle time of every posted invoice of these hours (what the folder keeps per invoice).
async function recomputeInvoiceCycles(client: PoolClient, hours: Date[]): Promise<void> {
  await client.query(`DELETE FROM rollup_invoice_cycle WHERE bucket = ANY($1::timestamptz[])`, [hours]);
  await client.query(
    `WITH ${IN_HOURS}, ${WORKFLOW_IDS}
     INSERT INTO rollup_invoice_cycle (transaction_id, bucket, workflow_id, site_id, bin)
     ${invoiceCycles(`i.id IN (SELECT t.id FROM h JOIN transactions t ON ${HOUR_JOIN})`)}
     ON CONFLICT (transaction_id) DO UPDATE SET bucket = excluded.bucket, workflow_id = excluded.workflow_id,
       site_id = excluded.site_id, bin = excluded.bin`,
    [hours],
  );
}

// The same figures the folder keeps from deltas (lib/jobs/rollups), counted from scratch.
const RECOMPUTE_HOURS = `
WITH ${IN_HOURS},
facts AS MATERIALIZED (
  SELECT h.bucket, t.workflow_id, coalesce(t.site_id, 0) AS site_id, t.status, t.failed_layer, t.error_signature,
         t.error_code, t.value_amount, t.value_currency::text AS value_currency, t.ever_failed, t.latency_ms,
         t.first_event_at, t.last_event_at, t.completed_at,
         t.status IN ('succeeded', 'resolved', 'cancelled') AS final,
         t.first_attempt_failed, t.status = 'resolved' OR t.replayed AS manual, t.first_failure_at
  FROM h JOIN transactions t ON ${HOUR_JOIN}
),
hourly AS (
  INSERT INTO rollup_hourly (bucket, workflow_id, site_id, started, succeeded, resolved, cancelled, in_progress,
    needs_person, ever_failed, first_attempt_failed, manual, failed_source_api, failed_middleware, failed_broker,
    failed_target_api, first_success_at)
  SELECT bucket, workflow_id, site_id, count(*),
    count(*) FILTER (WHERE status = 'succeeded'),
    count(*) FILTER (WHERE status = 'resolved'),
    count(*) FILTER (WHERE status = 'cancelled'),
    count(*) FILTER (WHERE status IN ('in_flight', 'retrying', 'replaying')),
    count(*) FILTER (WHERE status IN ('failed', 'dead_lettered')),
    count(*) FILTER (WHERE ever_failed),
    count(*) FILTER (WHERE first_attempt_failed),
    count(*) FILTER (WHERE final AND manual),
    count(*) FILTER (WHERE ever_failed AND failed_layer = 'source_api'),
    count(*) FILTER (WHERE ever_failed AND failed_layer = 'middleware'),
    count(*) FILTER (WHERE ever_failed AND failed_layer = 'broker'),
    count(*) FILTER (WHERE ever_failed AND failed_layer = 'target_api'),
    min(completed_at) FILTER (WHERE status = 'succeeded')
  FROM facts GROUP BY bucket, workflow_id, site_id
  RETURNING 1
),
latency AS (
  INSERT INTO rollup_latency (bucket, workflow_id, site_id, metric, bins, counts)
  SELECT bucket, workflow_id, site_id, metric, string_agg(bin::text, ',' ORDER BY bin), string_agg(n::text, ',' ORDER BY bin)
  FROM (
    SELECT bucket, workflow_id, site_id, metric,
           bin, count(*)::int AS n
    FROM (
      SELECT bucket, workflow_id, site_id, 'e2e' AS metric, rollup_latency_bin(latency_ms::float8) AS bin FROM facts WHERE latency_ms IS NOT NULL
      UNION ALL
      SELECT bucket, workflow_id, site_id, 'resolution', rollup_latency_bin(extract(epoch FROM completed_at - first_failure_at)::float8 * 1000)
      FROM facts WHERE status IN ('succeeded', 'resolved') AND first_failure_at IS NOT NULL AND completed_at IS NOT NULL
      UNION ALL
      SELECT bucket, workflow_id, site_id, 'ship_to_invoice', bin FROM rollup_invoice_cycle WHERE bucket = ANY($1::timestamptz[])
    ) m
    GROUP BY 1, 2, 3, 4, 5
  ) b
  GROUP BY 1, 2, 3, 4
  RETURNING 1
),
failures AS (
  INSERT INTO rollup_failures (bucket, workflow_id, site_id, error_signature, value_currency, layer, target_system,
    error_code, transactions, open, value_amount, first_seen, last_seen)
  SELECT bucket, workflow_id, site_id, error_signature, coalesce(value_currency, ''),
    -- the signature is "layer|target|what": its parts, not the transaction's columns, say where it failed
    split_part(error_signature, '|', 1), split_part(error_signature, '|', 2), min(error_code),
    count(*), count(*) FILTER (WHERE NOT final),
    coalesce(sum(value_amount) FILTER (WHERE value_currency IS NOT NULL), 0),
    min(first_event_at), max(last_event_at)
  FROM facts WHERE error_signature IS NOT NULL
  GROUP BY bucket, workflow_id, site_id, error_signature, coalesce(value_currency, '')
  RETURNING 1
)
SELECT (SELECT count(*) FROM facts)::int AS n, (SELECT count(*) FROM hourly) + (SELECT count(*) FROM latency) + (SELECT count(*) FROM failures) AS rows`;

// Daily rollups are sums (and min/max) of the hourly ones, so they are rebuilt from the
// hourly tables for every day that holds a recomputed hour.
async function recomputeDays(client: PoolClient, hours: Date[]): Promise<void> {
  const days = [...new Set(hours.map((h) => Math.floor(h.getTime() / 86_400_000) * 86_400_000))].map(
    (d) => new Date(d),
  );
  await client.query(`DELETE FROM rollup_latency_daily WHERE bucket = ANY($1::timestamptz[])`, [days]);
  await client.query(`DELETE FROM rollup_failures_daily WHERE bucket = ANY($1::timestamptz[])`, [days]);
  await client.query(
    `INSERT INTO rollup_failures_daily (bucket, workflow_id, site_id, error_signature, value_currency, layer, target_system,
       error_code, transactions, open, value_amount, first_seen, last_seen)
     SELECT d.day, r.workflow_id, r.site_id, r.error_signature, r.value_currency, min(r.layer), min(r.target_system),
       min(r.error_code), sum(r.transactions), sum(r.open), sum(r.value_amount), min(r.first_seen), max(r.last_seen)
     FROM unnest($1::timestamptz[]) AS d(day)
     JOIN rollup_failures r ON r.bucket >= d.day AND r.bucket < d.day + interval '24 hours'
     GROUP BY 1, 2, 3, 4, 5`,
    [days],
  );
  await client.query(
    `INSERT INTO rollup_latency_daily (bucket, workflow_id, site_id, metric, bins, counts)
     SELECT day, workflow_id, site_id, metric, string_agg(bin::text, ',' ORDER BY bin), string_agg(n::text, ',' ORDER BY bin)
     FROM (
       SELECT d.day, r.workflow_id, r.site_id, r.metric, u.bin, sum(u.n)::int AS n
       FROM unnest($1::timestamptz[]) AS d(day)
       JOIN rollup_latency r ON r.bucket >= d.day AND r.bucket < d.day + interval '24 hours'
       CROSS JOIN LATERAL unnest(string_to_array(r.bins, ',')::int[], string_to_array(r.counts, ',')::int[]) AS u(bin, n)
       GROUP BY 1, 2, 3, 4, 5
     ) b
     GROUP BY 1, 2, 3, 4`,
    [days],
  );
}
