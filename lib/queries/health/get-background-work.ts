import type { Pool } from "pg";
import type { BackgroundWorkFacts } from "@/lib/domain/health/judge-background-work";

// What the database says about the installation's background work: heartbeats of every
// worker (wherever it runs), the replays waiting for one, the rollup backlog and when the
// periodic loops last completed. Read by /api/health, /api/health/ready and the banner;
// judged by lib/domain/health/judge-background-work.ts. A handful of index reads, cheap
// enough for a probe every few seconds.

// Counting unfolded deltas stops here: past it the number says "a lot" as well as an exact one would.
export const UNFOLDED_COUNT_CAP = 100_000;

const DELTA_TABLES = ["rollup_hourly_deltas", "rollup_latency_deltas", "rollup_failures_deltas", "rollup_touched"];

export async function getBackgroundWork(db: Pool, workerStaleMs: number): Promise<BackgroundWorkFacts> {
  const [state, stamps, replays, unfolded] = await Promise.all([
    readState(db, workerStaleMs),
    db.query<{ job: string; at: Date; every_ms: number | null }>(
      `SELECT job, last_success_at AS at, every_ms FROM worker_job_runs WHERE last_success_at IS NOT NULL`,
    ),
    readDueReplays(db, workerStaleMs),
    readUnfolded(db),
  ]);
  const stamp = (job: string) => stamps.rows.find((a) => a.job === job);
  const alerts = stamp("alert_evaluation");
  const issues = stamp("issue_sync");
  return {
    now: state.now,
    workers: { live: state.live, lastHeartbeatAt: stamp("heartbeat")?.at ?? null },
    replays,
    rollups: { foldedAt: state.folded_at, unfoldedChanges: unfolded },
    alerts: { lastEvaluatedAt: alerts?.at ?? null, everyMs: alerts?.every_ms ?? null },
    issues: { lastSyncedAt: issues?.at ?? null, everyMs: issues?.every_ms ?? null },
  };
}

async function readState(db: Pool, workerStaleMs: number) {
  const { rows } = await db.query<{ now: Date; live: number; folded_at: Date | null }>(
    `SELECT now() AS now,
            (SELECT count(*)::int FROM replay_workers WHERE seen_at >= now() - make_interval(secs => $1 / 1000.0)) AS live,
            (SELECT folded_at FROM rollup_state WHERE id = 1) AS folded_at`,
    [workerStaleMs],
  );
  return rows[0]!;
}

// Due: what a worker would lease now (the condition in lib/jobs/replay/lease-replays.ts).
// Items of a bulk replay wait their turn behind the target's rate limit, so a bulk whose
// items are being delivered or finished lately (within the stale limit) is progressing,
// not stalled, however long its last items have waited.
async function readDueReplays(db: Pool, workerStaleMs: number): Promise<BackgroundWorkFacts["replays"]> {
  const { rows } = await db.query<{ due: number; oldest_due_at: Date | null; stalled_since: Date | null }>(
    `WITH due AS (
       SELECT r.bulk_id, count(*)::int AS n,
              min(CASE WHEN r.status = 'delivering' THEN r.lease_until ELSE r.next_attempt_at END) AS since
       FROM replays r
       WHERE ((r.status IN ('pending', 'queued') AND r.next_attempt_at <= now()) OR (r.status = 'delivering' AND r.lease_until < now()))
         AND NOT EXISTS (SELECT 1 FROM bulk_replays b WHERE b.id = r.bulk_id AND b.status = 'cancelled')
       GROUP BY r.bulk_id
     ), judged AS (
       SELECT d.n, d.since,
              d.bulk_id IS NOT NULL AND EXISTS (
                SELECT 1 FROM replays x WHERE x.bulk_id = d.bulk_id
                  AND ((x.status = 'delivering' AND x.lease_until >= now())
                       OR x.finished_at >= now() - make_interval(secs => $1 / 1000.0))) AS progressing
       FROM due d
     )
     SELECT coalesce(sum(n), 0)::int AS due, min(since) AS oldest_due_at, min(since) FILTER (WHERE NOT progressing) AS stalled_since
     FROM judged`,
    [workerStaleMs],
  );
  const row = rows[0]!;
  return { due: row.due, oldestDueAt: row.oldest_due_at, stalledSince: row.stalled_since };
}

async function readUnfolded(db: Pool): Promise<number> {
  const counts = DELTA_TABLES.map((t) => `(SELECT count(*) FROM (SELECT 1 FROM ${t} LIMIT ${UNFOLDED_COUNT_CAP}) c)`);
  const { rows } = await db.query<{ n: number }>(
    `SELECT least(${counts.join(" + ")}, ${UNFOLDED_COUNT_CAP})::int AS n`,
  );
  return rows[0]!.n;
}
