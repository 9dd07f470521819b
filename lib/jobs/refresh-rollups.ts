import type { Pool, PoolClient } from "pg";
import { recomputeRollupHours } from "./recompute-rollup-hours";
import { withAdvisoryLock } from "./with-advisory-lock";
import { recomputeUnpostedShipments } from "./recompute-unposted-shipments";
import { HOUR_JOIN, IN_HOURS, WORKFLOW_IDS } from "./rollup-sql";

// Recomputes the dashboard rollups for the hours ingest marked dirty (rollup_dirty; see
// lib/ingest/mark-rollups-dirty.ts and the dashboards migration for the design).
//
// Why it is exact under concurrent ingest: an ingest batch writes its transactions and its
// dirty hours in one database transaction, so both become visible together. We delete the
// dirty rows we can see first, and recompute from transactions in later statements (READ
// COMMITTED: each statement sees everything committed before it started). A batch
// committing after our DELETE either is already visible to the recompute, or left its
// dirty row for the next refresh; no change is ever lost.
//
// Callers: a background job (every few seconds) and the dashboard read path
// (refreshRollupsIfDue). An advisory lock lets one refresher run at a time.

export const ROLLUP_LOCK_ID = 72707371;

export interface RefreshResult {
  hours: number;
  transactions: number;
  ms: number;
}

// Refreshes now, waiting for a refresh already running elsewhere to finish first.
export async function refreshRollups(pool: Pool): Promise<RefreshResult> {
  return (await refresh(pool, true))!;
}

const lastRun = new WeakMap<Pool, number>();

// The read path: at most once per interval per process, skipped when nothing is dirty or
// another process is refreshing (its result will be there a moment later).
export async function refreshRollupsIfDue(pool: Pool, minIntervalMs = 5_000): Promise<RefreshResult | null> {
  const now = Date.now();
  if (now - (lastRun.get(pool) ?? 0) < minIntervalMs) return null;
  lastRun.set(pool, now);
  const { rows } = await pool.query<{ dirty: boolean }>(`SELECT EXISTS (SELECT 1 FROM rollup_dirty) AS dirty`);
  if (!rows[0]?.dirty) return null;
  return refresh(pool, false);
}

async function refresh(pool: Pool, wait: boolean): Promise<RefreshResult | null> {
  const started = performance.now();
  return withAdvisoryLock(pool, ROLLUP_LOCK_ID, wait, async (client) => {
    // JIT compiles for seconds on big recomputes and buys nothing here.
    await client.query("SET LOCAL jit = off");
    const hours = await claimDirtyHours(client);
    const transactions = hours.length > 0 ? await recompute(client, hours) : 0;
    return { hours: hours.length, transactions, ms: performance.now() - started };
  });
}

// Dirty hours, plus the hours of invoice postings that reference a shipment in a dirty
// hour: their shipment-to-invoice cycle time depends on that shipment. The lookup is by
// reference only (unindexable workflow and null tests: see recompute-unposted-shipments.ts).
async function claimDirtyHours(client: PoolClient): Promise<Date[]> {
  const { rows: claimed } = await client.query<{ bucket: Date }>(
    `WITH d AS (DELETE FROM rollup_dirty RETURNING bucket) SELECT DISTINCT bucket FROM d`,
  );
  if (claimed.length === 0) return [];
  const dirty = claimed.map((r) => r.bucket);
  const { rows: invoiceHours } = await client.query<{ bucket: Date }>(
    `WITH ${IN_HOURS}, ${WORKFLOW_IDS},
     shipments AS (
       SELECT t.shipment_id, t.load_id FROM h JOIN transactions t ON ${HOUR_JOIN} CROSS JOIN wf WHERE t.workflow_id = wf.ship
     )
     SELECT DISTINCT date_trunc('hour', i.first_event_at, 'UTC') AS bucket
     FROM shipments s CROSS JOIN wf
     JOIN transactions i ON i.workflow_id + 0 = wf.inv
       AND (i.shipment_id = s.shipment_id OR (num_nulls(i.shipment_id) = 1 AND i.load_id = s.load_id))`,
    [dirty],
  );
  const all = new Map(dirty.map((d) => [d.getTime(), d]));
  for (const r of invoiceHours) all.set(r.bucket.getTime(), r.bucket);
  return [...all.values()];
}

async function recompute(client: PoolClient, hours: Date[]): Promise<number> {
  const transactions = await recomputeRollupHours(client, hours);
  await recomputeUnpostedShipments(client, hours);
  return transactions;
}
