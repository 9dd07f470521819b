import type { Pool } from "pg";
import type { JobRun } from "../job-run";
import { recordJobRun } from "../record-job-run";
import { type Repeating, repeatEvery } from "../repeat-every";
import { type IssueSyncResult, syncFailureIssues } from "./sync-failure-issues";

// The background side of failure issues: sync every ISSUE_SYNC_MS (2 s), so issues open, reopen
// and resolve themselves even when nobody looks at the Failures view. A failed run is
// reported and the next one starts from the transactions again.
export function startIssueSyncer(
  pool: Pool,
  opts: {
    intervalMs?: number;
    onError?: (error: unknown, run: JobRun) => void;
    onSync?: (r: IssueSyncResult) => void;
  } = {},
): Repeating {
  const intervalMs = opts.intervalMs ?? 2_000;
  return repeatEvery(
    "issue_sync",
    intervalMs,
    (run) => recordJobRun(pool, run, intervalMs, () => syncFailureIssues(pool)),
    (r, run) => {
      const changed = r.opened + r.reopened + r.autoResolved > 0;
      const fields = { opened: r.opened, reopened: r.reopened, autoResolved: r.autoResolved, ms: Math.round(r.ms) };
      if (changed) run.log.info(fields, "failure issues changed");
      else run.log.debug(fields, "failure issues synced");
      opts.onSync?.(r);
    },
    opts.onError,
  );
}
