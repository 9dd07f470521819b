import type { Pool } from "pg";
import type { JobRun } from "./job-run";

// Counts a run of periodic work in worker_job_runs once it ends, ok or failed, with the
// interval it runs at, so the installation's metrics show that (and how well) the worker's
// loops are running and health can tell since when one has not (lib/queries/health). The
// bookkeeping never fails the run: a row that cannot be written is logged and skipped.
export async function recordJobRun<T>(pool: Pool, run: JobRun, everyMs: number, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await noteJobRun(pool, run.job, everyMs, true).catch((e: unknown) =>
      run.log.debug({ err: e }, "could not record the run"),
    );
    throw error;
  }
  await noteJobRun(pool, run.job, everyMs, false).catch((e: unknown) =>
    run.log.debug({ err: e }, "could not record the run"),
  );
  return result;
}

// One upsert; also the worker's heartbeat (job "heartbeat", lib/jobs/worker-registry.ts).
// Times by the database clock; GREATEST keeps a late writer from moving a stamp backwards.
const NOTE_JOB_RUN_SQL = `INSERT INTO worker_job_runs AS w (job, runs, failures, last_run_at, last_failure_at, last_success_at, every_ms)
       VALUES ($1, 1, CASE WHEN $2 THEN 1 ELSE 0 END, now(), CASE WHEN $2 THEN now() END, CASE WHEN $2 THEN NULL ELSE now() END, $3)
       ON CONFLICT (job) DO UPDATE SET runs = w.runs + 1, failures = w.failures + EXCLUDED.failures,
         last_run_at = GREATEST(w.last_run_at, EXCLUDED.last_run_at),
         last_failure_at = GREATEST(w.last_failure_at, EXCLUDED.last_failure_at),
         last_success_at = GREATEST(w.last_success_at, EXCLUDED.last_success_at),
         every_ms = EXCLUDED.every_ms`;

export async function noteJobRun(pool: Pool, job: string, everyMs: number, failed: boolean): Promise<void> {
  await pool.query(NOTE_JOB_RUN_SQL, [job, failed, Math.round(everyMs)]);
}
