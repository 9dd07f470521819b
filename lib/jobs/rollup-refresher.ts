import type { Pool } from "pg";
import { refreshRollups, type RefreshResult } from "./refresh-rollups";

// The background side of rollup freshness: refresh every few seconds, so dashboard reads
// rarely find dirty hours and rollup_dirty (one row per ingest batch and hour) stays small
// even when nobody looks at a dashboard. Runs are sequential; a failed run is reported and
// the next one retries the same hours (their dirty rows were rolled back with it).
export function startRollupRefresher(
  pool: Pool,
  opts: { intervalMs?: number; onError?: (error: unknown) => void; onRefresh?: (r: RefreshResult) => void } = {},
): { stop(): Promise<void> } {
  const interval = opts.intervalMs ?? 5_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = refreshRollups(pool)
      .then((r) => opts.onRefresh?.(r), (e: unknown) => opts.onError?.(e))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, interval);
      });
  };
  timer = setTimeout(tick, interval);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
