import type { Pool } from "pg";
import { syncFailureIssues, type IssueSyncResult } from "./sync-failure-issues";

// The background side of failure issues: sync every few seconds, so issues open, reopen
// and resolve themselves even when nobody looks at the Failures view. Runs are sequential;
// a failed run is reported and the next one starts from the transactions again.
export function startIssueSyncer(
  pool: Pool,
  opts: { intervalMs?: number; onError?: (error: unknown) => void; onSync?: (r: IssueSyncResult) => void } = {},
): { stop(): Promise<void> } {
  const interval = opts.intervalMs ?? 10_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = syncFailureIssues(pool)
      .then((r) => opts.onSync?.(r), (e: unknown) => opts.onError?.(e))
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
