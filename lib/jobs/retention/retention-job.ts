import type { Pool } from "pg";
import { type Repeating, repeatEvery } from "../repeat-every";
import { type RetentionOptions, type RetentionRunResult, runRetention } from "./run-retention";

// The worker's retention loop: every RETENTION_INTERVAL_MS (an hour by default) create the
// coming days' partitions and expire what is past retention. The first run starts at once,
// so a worker started just after midnight has today's partition before ingest needs it.
export function startRetentionJob(
  pool: Pool,
  opts: RetentionOptions & {
    intervalMs: number;
    onError?: (error: unknown) => void;
    onRun?: (r: RetentionRunResult | null) => void;
  },
): Repeating {
  const work = () => runRetention(pool, opts);
  const first = work().then(opts.onRun, opts.onError);
  const repeating = repeatEvery(opts.intervalMs, work, opts.onRun, opts.onError);
  return {
    async stop() {
      await Promise.all([first, repeating.stop()]);
    },
  };
}
