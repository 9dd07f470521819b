import type { Pool } from "pg";
import type { JobRun } from "./job-run";

// Counts a run of periodic work in worker_job_runs once it ends, ok or failed, so the
// installation's metrics show that (and how well) the worker's loops are running. The
// bookkeeping never fails the run: a row that cannot be written is logged and skipped.
export async function recordJobRun<T>(pool: Pool, run: JobRun, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await note(pool, run, true);
    throw error;
  }
  await note(pool, run, false);
  return result;
}

async function note(pool: Pool, run: JobRun, failed: boolean): Promise<void> {
  await pool
    .query(
      `INSERT INTO worker_job_runs AS w (job, runs, failures, last_run_at, last_failure_at)
       VALUES ($1, 1, CASE WHEN $2 THEN 1 ELSE 0 END, now(), CASE WHEN $2 THEN now() END)
       ON CONFLICT (job) DO UPDATE SET runs = w.runs + 1, failures = w.failures + EXCLUDED.failures,
         last_run_at = now(), last_failure_at = coalesce(EXCLUDED.last_failure_at, w.last_failure_at)`,
      [run.job, failed],
    )
    .catch((error: unknown) => run.log.debug({ err: error }, "could not record the run"));
}
