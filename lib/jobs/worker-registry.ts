import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import { getLogger } from "@/lib/telemetry/logger";
import { noteJobRun } from "./record-job-run";

// This worker's row in replay_workers, upserted every heartbeat, and the count of live
// workers read back at the same time; TargetLimiter splits each target's limits by it.
// The database clock stamps every row, so hosts with skewed clocks still agree on who is
// live. A worker unheard for three heartbeats is left out (and its row deleted): until
// then the others keep their smaller share, which errs on the side of the target.

export interface WorkerRegistry {
  id: string;
  liveWorkers(): number;
  stop(): Promise<void>;
}

export async function registerWorker(pool: Pool, heartbeatMs: number): Promise<WorkerRegistry> {
  const id = randomUUID();
  let live = await beat(pool, id, heartbeatMs);
  // Workers already running learn of this one at their next heartbeat; until then they
  // still take the larger share. Waiting a heartbeat and a half (for timer and query lag)
  // before taking work keeps the sum within the limits while a worker joins.
  if (live > 1) {
    await new Promise((r) => setTimeout(r, heartbeatMs * 1.5));
    live = await beat(pool, id, heartbeatMs);
  }
  let inFlight: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = beat(pool, id, heartbeatMs).then(
      (n) => void (live = n),
      (e: Error) => getLogger().error({ err: e, workerId: id }, "replay worker heartbeat failed"),
    );
  }, heartbeatMs);
  return {
    id,
    liveWorkers: () => live,
    async stop() {
      clearInterval(timer);
      await inFlight; // or its upsert could land after the delete and linger as a live worker
      await pool.query("DELETE FROM replay_workers WHERE id = $1", [id]);
    },
  };
}

// Upsert our row, drop the dead, count the others seen within three heartbeats (the
// statement's snapshot predates its own upsert, hence "+ 1"); then count the heartbeat in
// worker_job_runs, which outlives the workers (health and /metrics read it).
async function beat(pool: Pool, id: string, heartbeatMs: number): Promise<number> {
  const { rows } = await pool.query<{ others: number }>(
    `WITH me AS (INSERT INTO replay_workers (id, seen_at) VALUES ($1, now()) ON CONFLICT (id) DO UPDATE SET seen_at = now()),
          gone AS (DELETE FROM replay_workers WHERE id <> $1 AND seen_at < now() - make_interval(secs => 3 * $2 / 1000.0))
     SELECT count(*)::int AS others FROM replay_workers WHERE id <> $1 AND seen_at >= now() - make_interval(secs => 3 * $2 / 1000.0)`,
    [id, heartbeatMs],
  );
  await noteJobRun(pool, "heartbeat", heartbeatMs, false);
  return rows[0]!.others + 1;
}
