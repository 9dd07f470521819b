import type { Pool } from "pg";

// What the background side of the whole installation is doing, read from the database at
// scrape time (GET /metrics): the worker processes write it there, so every app instance
// reports the same truth whichever one is scraped. One round trip; the replay, alert and
// notification tables are scanned whole, which stays in the milliseconds at the sizes a
// replay and alert history reaches (no index is worth its upkeep on every write here).

export interface InstallationFigures {
  rollups: {
    // since the last fold started (everything committed before it is in the dashboards)
    sinceLastFoldSeconds: number;
    // changes are waiting to be folded
    unfolded: boolean;
  };
  replays: {
    byStatus: Record<string, number>;
    // how long the longest-waiting due replay has waited; null when none is due
    oldestDueSeconds: number | null;
  };
  workers: {
    // heard from within three heartbeats, as the workers count each other
    live: number;
    // age of the freshest heartbeat; null when no worker is registered
    freshestHeartbeatSeconds: number | null;
  };
  // the worker's periodic work by kind (rollup_fold, alert_evaluation, issue_sync)
  jobs: Record<string, { runs: number; failures: number; sinceLastRunSeconds: number | null }>;
  alerts: {
    rulesEnabled: number;
    open: number;
    fired: number;
    notificationsByStatus: Record<string, number>;
  };
}

interface Row {
  since_fold: number | null;
  unfolded: boolean;
  replays: Record<string, number>;
  oldest_due: number | null;
  live_workers: number;
  heartbeat_age: number | null;
  rules_enabled: number;
  alerts_open: number;
  alerts_fired: number;
  notifications: Record<string, number>;
  jobs: { job: string; runs: number; failures: number; since_last_run: number | null }[];
}

const byStatus = (table: string) =>
  `(SELECT coalesce(json_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM ${table} GROUP BY status) s)`;
// Seconds from a time to now; NULL when there is no time (greatest() would turn that into 0).
const ageOf = (expression: string) => `extract(epoch FROM now() - ${expression})::float8`;
// A row written by a transaction that started after ours can be a hair in our future.
const age = (seconds: number | null) => (seconds === null ? null : Math.max(0, seconds));

export async function readInstallationFigures(pool: Pool, heartbeatMs: number): Promise<InstallationFigures> {
  const { rows } = await pool.query<Row>(
    `SELECT
       (SELECT ${ageOf("folded_at")} FROM rollup_state WHERE id = 1) AS since_fold,
       (EXISTS (SELECT 1 FROM rollup_hourly_deltas) OR EXISTS (SELECT 1 FROM rollup_latency_deltas)
        OR EXISTS (SELECT 1 FROM rollup_failures_deltas) OR EXISTS (SELECT 1 FROM rollup_touched)) AS unfolded,
       ${byStatus("replays")} AS replays,
       (SELECT ${ageOf("min(next_attempt_at)")} FROM replays WHERE status IN ('pending', 'queued') AND next_attempt_at <= now()) AS oldest_due,
       (SELECT count(*)::int FROM replay_workers WHERE seen_at >= now() - make_interval(secs => 3 * $1 / 1000.0)) AS live_workers,
       (SELECT ${ageOf("max(seen_at)")} FROM replay_workers) AS heartbeat_age,
       (SELECT count(*)::int FROM alert_rules WHERE enabled) AS rules_enabled,
       (SELECT count(*)::int FROM alerts WHERE resolved_at IS NULL) AS alerts_open,
       (SELECT count(*)::int FROM alerts) AS alerts_fired,
       ${byStatus("alert_notifications")} AS notifications,
       (SELECT coalesce(json_agg(json_build_object('job', job, 'runs', runs, 'failures', failures,
                 'since_last_run', ${ageOf("last_run_at")})), '[]') FROM worker_job_runs) AS jobs`,
    [heartbeatMs],
  );
  const r = rows[0]!;
  return {
    rollups: { sinceLastFoldSeconds: age(r.since_fold) ?? 0, unfolded: r.unfolded },
    replays: { byStatus: r.replays, oldestDueSeconds: age(r.oldest_due) },
    workers: { live: r.live_workers, freshestHeartbeatSeconds: age(r.heartbeat_age) },
    jobs: Object.fromEntries(
      r.jobs.map((j) => [
        j.job,
        { runs: Number(j.runs), failures: Number(j.failures), sinceLastRunSeconds: age(j.since_last_run) },
      ]),
    ),
    alerts: {
      rulesEnabled: r.rules_enabled,
      open: r.alerts_open,
      fired: r.alerts_fired,
      notificationsByStatus: r.notifications,
    },
  };
}
