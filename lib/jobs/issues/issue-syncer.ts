import type { Pool } from "pg";
import { recordActivity } from "../record-activity";
import { type Repeating, repeatEvery } from "../repeat-every";
import { type IssueSyncResult, syncFailureIssues } from "./sync-failure-issues";

// The background side of failure issues: sync every few seconds, so issues open, reopen
// and resolve themselves even when nobody looks at the Failures view. A failed run is
// reported and the next one starts from the transactions again.
export function startIssueSyncer(
  pool: Pool,
  opts: { intervalMs?: number; onError?: (error: unknown) => void; onSync?: (r: IssueSyncResult) => void } = {},
): Repeating {
  const intervalMs = opts.intervalMs ?? 10_000;
  return repeatEvery(
    intervalMs,
    async () => {
      const result = await syncFailureIssues(pool);
      await recordActivity(pool, "issue_sync", intervalMs); // read by health (issue 17)
      return result;
    },
    opts.onSync,
    opts.onError,
  );
}
