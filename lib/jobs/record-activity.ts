import type { Pool } from "pg";

// Stamps when a piece of background work last completed (worker_activity), with the
// interval it runs at, by the database clock so workers on skewed hosts agree. Health and
// the banner read these rows (lib/queries/health); they stay when the worker is gone, which
// is what lets them say since when nothing has run.
export type WorkerActivityKind = "heartbeat" | "alert_evaluation" | "issue_sync";

// (The heartbeat is stamped in the same statement as the worker's own row, worker-registry.ts.)
export async function recordActivity(pool: Pool, activity: WorkerActivityKind, everyMs: number): Promise<void> {
  await pool.query(
    `INSERT INTO worker_activity (activity, at, every_ms) VALUES ($1, now(), $2)
     ON CONFLICT (activity) DO UPDATE SET at = GREATEST(worker_activity.at, EXCLUDED.at), every_ms = EXCLUDED.every_ms`,
    [activity, Math.round(everyMs)],
  );
}
