import type { Pool } from "pg";
import type { JobRun } from "../job-run";
import { recordJobRun } from "../record-job-run";
import { type Repeating, repeatEvery } from "../repeat-every";
import { type RefreshResult, refreshRollups } from "./refresh-rollups";

// The only thing that keeps the dashboards' rollups current: folds what ingest and the
// services appended, every few hundred milliseconds, so a dashboard is at most about that
// much behind (it says how much). A failed run is reported; its deltas were rolled back
// with it and the next run folds them.
export function startRollupRefresher(
  pool: Pool,
  opts: {
    intervalMs?: number;
    onError?: (error: unknown, run: JobRun) => void;
    onRefresh?: (r: RefreshResult) => void;
  } = {},
): Repeating {
  const intervalMs = opts.intervalMs ?? 500;
  return repeatEvery(
    "rollup_fold",
    intervalMs,
    (run) => recordJobRun(pool, run, intervalMs, () => refreshRollups(pool)),
    (r, run) => {
      // Twice a second: only when asked for (CROSSDOCK_LOG_LEVEL=debug).
      run.log.debug({ cells: r.hours, ms: Math.round(r.ms) }, "rollups folded");
      opts.onRefresh?.(r);
    },
    opts.onError,
  );
}
