import type { Pool, PoolClient } from "pg";
import { foldPending, ROLLUP_LOCK_ID } from "./fold-rollups";
import { recomputeRollupHours } from "./recompute-rollup-hours";
import { recomputeUnpostedShipments } from "./recompute-unposted-shipments";

// Rebuild and verify a range of hours from the raw tables. Both hold the folder's lock (as
// a session lock, so the transaction can start REPEATABLE READ after it is granted), fold
// what is pending in one snapshot, and recount from the transactions in that same snapshot:
// batches committing meanwhile are neither in the recount nor lost (their deltas are left
// for the next fold).

export interface HourRange {
  from: Date; // inclusive, rounded down to the hour
  to: Date; // exclusive, rounded up to the hour
}

export interface RebuildResult {
  hours: number;
  transactions: number;
  ms: number;
}

export async function rebuildRollups(pool: Pool, range: HourRange): Promise<RebuildResult> {
  return inSnapshot(pool, "COMMIT", async (client) => {
    const started = performance.now();
    await foldPending(client);
    const hours = hoursOf(range);
    const transactions = await recount(client, hours);
    return { hours: hours.length, transactions, ms: performance.now() - started };
  });
}

export interface Difference {
  table: string;
  key: string;
  folded: string | null; // the row as the rollups hold it, null when missing
  recounted: string | null; // the row as counted from transactions, null when it should not exist
}

const COMPARED: { table: string; key: string; scope: string }[] = [
  { table: "rollup_hourly", key: "bucket, workflow_id, site_id", scope: "hours" },
  { table: "rollup_latency", key: "bucket, metric, workflow_id, site_id", scope: "hours" },
  { table: "rollup_failures", key: "bucket, workflow_id, site_id, error_signature, value_currency", scope: "hours" },
  { table: "rollup_latency_daily", key: "bucket, metric, workflow_id, site_id", scope: "days" },
  {
    table: "rollup_failures_daily",
    key: "bucket, workflow_id, site_id, error_signature, value_currency",
    scope: "days",
  },
  { table: "rollup_invoice_cycle", key: "transaction_id", scope: "hours" },
  { table: "unposted_shipments", key: "transaction_id", scope: "shipped" },
];

// Every row of the range that differs between the rollups (after folding) and a recount;
// the recount is rolled back, so verifying changes nothing.
export async function verifyRollups(pool: Pool, range: HourRange): Promise<Difference[]> {
  return inSnapshot(pool, "ROLLBACK", async (client) => {
    await foldPending(client);
    const hours = hoursOf(range);
    const days = [...new Set(hours.map((h) => Math.floor(h.getTime() / 86_400_000) * 86_400_000))].map(
      (d) => new Date(d),
    );
    // $1 hours, $2 days: every statement below is given both
    const where = (scope: string) =>
      `cardinality($1::timestamptz[] || $2::timestamptz[]) > 0 AND ` +
      (scope === "hours"
        ? `bucket = ANY($1)`
        : scope === "days"
          ? `bucket = ANY($2)`
          : `date_trunc('hour', shipped_at, 'UTC') = ANY($1)`);
    for (const c of COMPARED) {
      await client.query(`CREATE TEMP TABLE "folded_${c.table}" (LIKE ${c.table}) ON COMMIT DROP`);
      await client.query(`INSERT INTO "folded_${c.table}" SELECT * FROM ${c.table} WHERE ${where(c.scope)}`, [
        hours,
        days,
      ]);
    }
    await recount(client, hours);
    const differences: Difference[] = [];
    for (const c of COMPARED) {
      const { rows } = await client.query<Difference>(
        `WITH recounted AS (SELECT * FROM ${c.table} WHERE ${where(c.scope)}), folded AS (SELECT * FROM "folded_${c.table}")
         SELECT $3::text AS table, concat_ws(' ', ${c.key
           .split(", ")
           .map((k) => `coalesce(x.${k}::text, y.${k}::text)`)
           .join(", ")}) AS key,
                x::text AS folded, y::text AS recounted
         FROM folded x FULL JOIN recounted y USING (${c.key})
         WHERE x IS DISTINCT FROM y
         ORDER BY 2 LIMIT 1000`,
        [hours, days, c.table],
      );
      differences.push(...rows);
    }
    return differences;
  });
}

async function recount(client: PoolClient, hours: Date[]): Promise<number> {
  const transactions = await recomputeRollupHours(client, hours);
  await recomputeUnpostedShipments(client, hours);
  return transactions;
}

async function inSnapshot<T>(
  pool: Pool,
  end: "COMMIT" | "ROLLBACK",
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock($1)`, [ROLLUP_LOCK_ID]);
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
      const result = await work(client);
      await client.query(end);
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      await client.query(`SELECT pg_advisory_unlock($1)`, [ROLLUP_LOCK_ID]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

export function hoursOf(range: HourRange): Date[] {
  const hour = 3_600_000;
  const hours: Date[] = [];
  for (
    let t = Math.floor(range.from.getTime() / hour) * hour;
    t < Math.ceil(range.to.getTime() / hour) * hour;
    t += hour
  )
    hours.push(new Date(t));
  return hours;
}
