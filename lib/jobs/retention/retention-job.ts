import type { Pool } from "pg";
import type { JobRun } from "../job-run";
import { recordJobRun } from "../record-job-run";
import { type Repeating, repeatEvery } from "../repeat-every";
import { type RetentionOptions, type RetentionRunResult, runRetention } from "./run-retention";

// The worker's retention loop: every RETENTION_INTERVAL_MS (an hour by default) create the
// coming days' partitions and expire what is past retention. The first run starts at once,
// so a worker started just after midnight has today's partition before ingest needs it.
export function startRetentionJob(
  pool: Pool,
  opts: RetentionOptions & {
    intervalMs: number;
    onError?: (error: unknown, run?: JobRun) => void;
    onRun?: (r: RetentionRunResult | null) => void;
  },
): Repeating {
  const first = runRetention(pool, opts).then(opts.onRun, (e: unknown) => opts.onError?.(e));
  const repeating = repeatEvery(
    "retention",
    opts.intervalMs,
    (run) => recordJobRun(pool, run, opts.intervalMs, () => runRetention(pool, opts)),
    (r) => opts.onRun?.(r),
    opts.onError,
  );
  return {
    async stop() {
      await Promise.all([first, repeating.stop()]);
    },
  };
}
