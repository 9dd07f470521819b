import type { PoolClient } from "pg";

// Folds the failure deltas into rollup_failures (see fold-counts.ts for how min/max are
// kept), then rewrites the daily rows of the cells it touched from their hours: at most
// 24 rows each, and exact for min/max without a second set of retraction rules.

interface CellRow {
  bucket: Date;
  workflow_id: number;
  site_id: number;
  error_signature: string;
  value_currency: string;
  empty: boolean;
  recount: boolean;
}

const KEY = "bucket, workflow_id, site_id, error_signature, value_currency";
const KEY_ARRAYS =
  "unnest($1::timestamptz[], $2::int[], $3::int[], $4::text[], $5::text[]) AS k(bucket, workflow_id, site_id, error_signature, value_currency)";
const SAME_CELL =
  "(r.bucket, r.workflow_id, r.site_id, r.error_signature, r.value_currency) = (k.bucket, k.workflow_id, k.site_id, k.error_signature, k.value_currency)";

export async function foldFailures(client: PoolClient): Promise<number> {
  // An extreme that was only retracted is folded in as +/-infinity, which least()/greatest() ignore.
  const { rows } = await client.query<CellRow>(
    `WITH d AS (DELETE FROM rollup_failures_deltas RETURNING *),
     s AS MATERIALIZED (
       SELECT ${KEY}, min(error_code) AS error_code, sum(transactions)::int AS transactions, sum(open)::int AS open,
              sum(value_amount) AS value_amount, min(first_seen) AS first_seen, max(last_seen) AS last_seen,
              min(retracted_first_seen) AS retracted_first_seen, max(retracted_last_seen) AS retracted_last_seen
       FROM d GROUP BY 1, 2, 3, 4, 5),
     up AS (
       INSERT INTO rollup_failures AS r (${KEY}, layer, target_system, error_code, transactions, open, value_amount, first_seen, last_seen)
       SELECT ${KEY}, split_part(error_signature, '|', 1), split_part(error_signature, '|', 2), error_code, transactions, open,
              value_amount, coalesce(first_seen, 'infinity'), coalesce(last_seen, '-infinity')
       FROM s
       ON CONFLICT (${KEY}) DO UPDATE SET error_code = least(r.error_code, excluded.error_code),
         transactions = r.transactions + excluded.transactions, open = r.open + excluded.open,
         value_amount = r.value_amount + excluded.value_amount,
         first_seen = least(r.first_seen, excluded.first_seen), last_seen = greatest(r.last_seen, excluded.last_seen)
       RETURNING ${KEY}, transactions, first_seen, last_seen)
     SELECT up.bucket, up.workflow_id, up.site_id, up.error_signature, up.value_currency, up.transactions = 0 AS empty,
            (s.retracted_first_seen IS NOT NULL AND NOT up.first_seen < s.retracted_first_seen)
            OR (s.retracted_last_seen IS NOT NULL AND NOT up.last_seen > s.retracted_last_seen)
            OR up.first_seen = 'infinity' OR up.last_seen = '-infinity' AS recount
     FROM up JOIN s USING (${KEY})`,
  );
  if (rows.length === 0) return 0;
  const empty = rows.filter((r) => r.empty);
  const recount = rows.filter((r) => !r.empty && r.recount);
  if (empty.length > 0)
    await client.query(`DELETE FROM rollup_failures r USING ${KEY_ARRAYS} WHERE ${SAME_CELL}`, keyArrays(empty));
  if (recount.length > 0) {
    // transactions_error_signature_first_event_at_idx: one signature's failures in one hour.
    await client.query(
      `UPDATE rollup_failures r SET first_seen = x.first_seen, last_seen = x.last_seen, error_code = x.error_code
       FROM ${KEY_ARRAYS}
       CROSS JOIN LATERAL (
         SELECT min(t.first_event_at) AS first_seen, max(t.last_event_at) AS last_seen, min(t.error_code) AS error_code
         FROM transactions t
         WHERE t.error_signature = k.error_signature AND t.first_event_at >= k.bucket AND t.first_event_at < k.bucket + interval '1 hour'
           AND t.workflow_id = k.workflow_id AND coalesce(t.site_id, 0) = k.site_id AND coalesce(t.value_currency::text, '') = k.value_currency
       ) x
       WHERE ${SAME_CELL}`,
      keyArrays(recount),
    );
  }
  await rewriteDays(client, rows);
  return rows.length;
}

async function rewriteDays(client: PoolClient, cells: CellRow[]): Promise<void> {
  await client.query(
    `WITH k AS MATERIALIZED (
       SELECT DISTINCT date_trunc('day', k.bucket, 'UTC') AS bucket, k.workflow_id, k.site_id, k.error_signature, k.value_currency FROM ${KEY_ARRAYS}),
     agg AS MATERIALIZED (
       SELECT k.bucket, k.workflow_id, k.site_id, k.error_signature, k.value_currency, min(r.layer) AS layer, min(r.target_system) AS target_system,
              min(r.error_code) AS error_code, sum(r.transactions) AS transactions, sum(r.open) AS open, sum(r.value_amount) AS value_amount,
              min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen
       FROM k JOIN rollup_failures r ON r.bucket >= k.bucket AND r.bucket < k.bucket + interval '24 hours' AND r.workflow_id = k.workflow_id
         AND r.site_id = k.site_id AND r.error_signature = k.error_signature AND r.value_currency = k.value_currency
       GROUP BY 1, 2, 3, 4, 5),
     up AS (
       INSERT INTO rollup_failures_daily (${KEY}, layer, target_system, error_code, transactions, open, value_amount, first_seen, last_seen)
       SELECT * FROM agg
       ON CONFLICT (${KEY}) DO UPDATE SET layer = excluded.layer, target_system = excluded.target_system, error_code = excluded.error_code,
         transactions = excluded.transactions, open = excluded.open, value_amount = excluded.value_amount,
         first_seen = excluded.first_seen, last_seen = excluded.last_seen)
     DELETE FROM rollup_failures_daily r USING k
     WHERE ${SAME_CELL} AND NOT EXISTS (SELECT 1 FROM agg a WHERE (a.bucket, a.workflow_id, a.site_id, a.error_signature, a.value_currency)
       = (k.bucket, k.workflow_id, k.site_id, k.error_signature, k.value_currency))`,
    keyArrays(cells),
  );
}

function keyArrays(rows: CellRow[]): unknown[] {
  return [
    rows.map((r) => r.bucket),
    rows.map((r) => r.workflow_id),
    rows.map((r) => r.site_id),
    rows.map((r) => r.error_signature),
    rows.map((r) => r.value_currency),
  ];
}
