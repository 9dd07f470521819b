import type { Pool } from "pg";
import { type Repeating, repeatEvery } from "../repeat-every";
import { type RefreshResult, refreshRollups } from "./refresh-rollups";

// The only thing that keeps the dashboards' rollups current: folds what ingest and the
// services appended, every few hundred milliseconds, so a dashboard is at most about that
// much behind (it says how much). A failed run is reported; its deltas were rolled back
// with it and the next run folds them.
export function startRollupRefresher(
  pool: Pool,
  opts: { intervalMs?: number; onError?: (error: unknown) => void; onRefresh?: (r: RefreshResult) => void } = {},
): Repeating {
  return repeatEvery(opts.intervalMs ?? 500, () => refreshRollups(pool), opts.onRefresh, opts.onError);
}
