import type { Pool } from "pg";
import { type Repeating, repeatEvery } from "../repeat-every";
import { type IssueSyncResult, syncFailureIssues } from "./sync-failure-issues";

// The background side of failure issues: sync every ISSUE_SYNC_MS (2 s), so issues open, reopen
// and resolve themselves even when nobody looks at the Failures view. A failed run is
// reported and the next one starts from the transactions again.
export function startIssueSyncer(
  pool: Pool,
  opts: { intervalMs?: number; onError?: (error: unknown) => void; onSync?: (r: IssueSyncResult) => void } = {},
): Repeating {
  return repeatEvery(opts.intervalMs ?? 2_000, () => syncFailureIssues(pool), opts.onSync, opts.onError);
}
