import type { Pool } from "pg";
import { refreshRollups, type RefreshResult } from "./refresh-rollups";
import { repeatEvery, type Repeating } from "./repeat-every";

// The background side of rollup freshness: refresh every few seconds, so dashboard reads
// rarely find dirty hours and rollup_dirty (one row per ingest batch and hour) stays small
// even when nobody looks at a dashboard. A failed run is reported and the next one retries
// the same hours (their dirty rows were rolled back with it).
export function startRollupRefresher(
  pool: Pool,
  opts: { intervalMs?: number; onError?: (error: unknown) => void; onRefresh?: (r: RefreshResult) => void } = {},
): Repeating {
  return repeatEvery(opts.intervalMs ?? 5_000, () => refreshRollups(pool), opts.onRefresh, opts.onError);
}
