import type { PoolClient } from "pg";

// Folds the counting deltas (see the incremental_rollups migration) into the hourly
// rollups, and the daily tables with them. Counts and histogram bins are sums, so deltas
// add. First success and first/last seen are min/max: an addition folds in with least()/
// greatest(), and when a batch took away a value that may have been the stored extreme,
// that one cell is recounted from its transactions.

const HOURLY_COUNTS = [
  "started",
  "succeeded",
  "resolved",
  "cancelled",
  "in_progress",
  "needs_person",
  "ever_failed",
  "first_attempt_failed",
  "manual",
  "failed_source_api",
  "failed_middleware",
  "failed_broker",
  "failed_target_api",
];

interface CellRow {
  bucket: Date;
  workflow_id: number;
  site_id: number;
  empty: boolean;
  recount: boolean;
}

export async function foldHourly(client: PoolClient): Promise<number> {
  const { rows } = await client.query<CellRow>(
    `WITH d AS (DELETE FROM rollup_hourly_deltas RETURNING *),
     s AS MATERIALIZED (
       SELECT bucket, workflow_id, site_id, ${HOURLY_COUNTS.map((c) => `sum(${c})::int AS ${c}`).join(", ")},
              min(first_success_at) AS first_success_at, min(retracted_success_at) AS retracted_success_at
       FROM d GROUP BY 1, 2, 3),
     up AS (
       INSERT INTO rollup_hourly AS r (bucket, workflow_id, site_id, ${HOURLY_COUNTS.join(", ")}, first_success_at)
       SELECT bucket, workflow_id, site_id, ${HOURLY_COUNTS.join(", ")}, first_success_at FROM s
       ON CONFLICT (bucket, workflow_id, site_id) DO UPDATE SET ${HOURLY_COUNTS.map((c) => `${c} = r.${c} + excluded.${c}`).join(", ")},
         first_success_at = least(r.first_success_at, excluded.first_success_at)
       RETURNING bucket, workflow_id, site_id, started, first_success_at)
     SELECT up.bucket, up.workflow_id, up.site_id, up.started = 0 AS empty,
            s.retracted_success_at IS NOT NULL AND NOT coalesce(up.first_success_at < s.retracted_success_at, false) AS recount
     FROM up JOIN s USING (bucket, workflow_id, site_id)`,
  );
  const empty = rows.filter((r) => r.empty);
  const recount = rows.filter((r) => !r.empty && r.recount);
  if (empty.length > 0) {
    await client.query(
      `DELETE FROM rollup_hourly r USING unnest($1::timestamptz[], $2::int[], $3::int[]) AS k(bucket, workflow_id, site_id)
       WHERE (r.bucket, r.workflow_id, r.site_id) = (k.bucket, k.workflow_id, k.site_id)`,
      keyArrays(empty),
    );
  }
  if (recount.length > 0) {
    await client.query(
      `UPDATE rollup_hourly r SET first_success_at = (
         SELECT min(t.completed_at) FROM transactions t
         WHERE t.first_event_at >= r.bucket AND t.first_event_at < r.bucket + interval '1 hour'
           AND t.workflow_id = r.workflow_id AND coalesce(t.site_id, 0) = r.site_id AND t.status = 'succeeded')
       FROM unnest($1::timestamptz[], $2::int[], $3::int[]) AS k(bucket, workflow_id, site_id)
       WHERE (r.bucket, r.workflow_id, r.site_id) = (k.bucket, k.workflow_id, k.site_id)`,
      keyArrays(recount),
    );
  }
  return rows.length;
}

function keyArrays(rows: { bucket: Date; workflow_id: number; site_id: number }[]): unknown[] {
  return [rows.map((r) => r.bucket), rows.map((r) => r.workflow_id), rows.map((r) => r.site_id)];
}

// Histograms are comma-separated lists (dashboards migration): the touched cells' lists are
// unpacked, the signed bin counts added, and the lists written back (or the row removed
// when no bin is left). The same summed deltas go into the daily table.
export async function foldLatency(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ cells: number }>(
    `WITH d AS (DELETE FROM rollup_latency_deltas RETURNING bucket, workflow_id, site_id, metric, bin, n),
     s AS MATERIALIZED (
       SELECT bucket, workflow_id, site_id, metric, bin, sum(n)::int AS n FROM d GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0),
     sd AS MATERIALIZED (
       SELECT date_trunc('day', bucket, 'UTC') AS bucket, workflow_id, site_id, metric, bin, sum(n)::int AS n
       FROM s GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0),
     ${mergeHistograms("h", "rollup_latency", "s")},
     ${mergeHistograms("dd", "rollup_latency_daily", "sd")}
     SELECT count(*)::int AS cells FROM h_cells`,
  );
  return rows[0]?.cells ?? 0;
}

function mergeHistograms(name: string, table: string, source: string): string {
  const key = "bucket, workflow_id, site_id, metric";
  return `${name}_cells AS MATERIALIZED (SELECT DISTINCT ${key} FROM ${source}),
     ${name}_merged AS (
       SELECT ${key}, bin, sum(n)::int AS n FROM (
         SELECT r.bucket, r.workflow_id, r.site_id, r.metric, u.bin, u.n
         FROM ${table} r JOIN ${name}_cells c USING (${key})
         CROSS JOIN LATERAL unnest(string_to_array(r.bins, ',')::int[], string_to_array(r.counts, ',')::int[]) AS u(bin, n)
         UNION ALL SELECT ${key}, bin, n FROM ${source}
       ) x GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0),
     ${name}_lists AS MATERIALIZED (
       SELECT ${key}, string_agg(bin::text, ',' ORDER BY bin) AS bins, string_agg(n::text, ',' ORDER BY bin) AS counts
       FROM ${name}_merged GROUP BY 1, 2, 3, 4),
     ${name}_up AS (
       INSERT INTO ${table} (${key}, bins, counts) SELECT ${key}, bins, counts FROM ${name}_lists
       ON CONFLICT (bucket, metric, workflow_id, site_id) DO UPDATE SET bins = excluded.bins, counts = excluded.counts),
     ${name}_gone AS (
       DELETE FROM ${table} r USING ${name}_cells c
       WHERE (r.bucket, r.workflow_id, r.site_id, r.metric) = (c.bucket, c.workflow_id, c.site_id, c.metric)
         AND NOT EXISTS (SELECT 1 FROM ${name}_lists l WHERE (l.bucket, l.workflow_id, l.site_id, l.metric) = (c.bucket, c.workflow_id, c.site_id, c.metric)))`;
}
