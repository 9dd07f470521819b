import type { Pool, PoolClient } from "pg";
import { withAdvisoryLock } from "../with-advisory-lock";
import { foldHourly, foldLatency } from "./fold-counts";
import { foldFailures } from "./fold-failures";
import { foldTouched } from "./fold-touched";

// Folds the deltas every change to transactions appended (incremental_rollups migration)
// into the dashboard rollups. One folder at a time (advisory lock); ingest never waits for
// it, and dashboard reads never run it: they read what is folded and say when that was.
//
// Exact under concurrent ingest: a batch's deltas commit with its transaction rows, and
// each DELETE ... RETURNING takes exactly the deltas committed before it, once. What one
// fold misses is there for the next.

export const ROLLUP_LOCK_ID = 72707371;

export interface FoldResult {
  // cells of rollup_hourly, rollup_latency and rollup_failures changed, and shipments/invoices re-checked
  cells: number;
  rechecked: number;
  foldedAt: Date;
  ms: number;
}

// Folds now, after a fold already running elsewhere (`wait`), or not at all when one is.
export async function foldRollups(pool: Pool, wait = true): Promise<FoldResult | null> {
  return withAdvisoryLock(pool, ROLLUP_LOCK_ID, wait, foldPending);
}

// The fold on a connection that holds the lock, in its transaction.
export async function foldPending(client: PoolClient): Promise<FoldResult> {
  const started = performance.now();
  await client.query("SET LOCAL jit = off");
  // Taken before the first delta is claimed: everything committed by then is folded below.
  const { rows } = await client.query<{ at: Date }>(`SELECT clock_timestamp() AS at`);
  const foldedAt = rows[0]!.at;
  // Touched first: it turns changed cycle times into latency deltas that this fold applies.
  const rechecked = await foldTouched(client);
  const cells = (await foldHourly(client)) + (await foldLatency(client)) + (await foldFailures(client));
  await client.query(`UPDATE rollup_state SET folded_at = $1 WHERE id = 1`, [foldedAt]);
  return { cells, rechecked, foldedAt, ms: performance.now() - started };
}
