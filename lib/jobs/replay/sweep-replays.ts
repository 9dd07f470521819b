import type { Pool } from "pg";
import { enqueueDelivery } from "./queue";

// Re-adds delivery jobs for work that has none: a job lost between a request's commit and
// its enqueue, or one held by a worker that was killed (its rows' leases have expired).
// Run at worker start and then periodically; the jobs' keys keep this from piling up.
export async function sweepReplays(pool: Pool, staleAfterMs = 5_000): Promise<number> {
  const { rows } = await pool.query<{ bulk_id: string | null; replay_id: string | null }>(
    `SELECT DISTINCT r.bulk_id, CASE WHEN r.bulk_id IS NULL THEN r.id END AS replay_id FROM replays r
     WHERE ((r.status IN ('pending', 'queued') AND r.next_attempt_at < now() - make_interval(secs => $1 / 1000.0))
            OR (r.status = 'delivering' AND r.lease_until < now()))
       AND NOT EXISTS (SELECT 1 FROM bulk_replays b WHERE b.id = r.bulk_id AND b.status = 'cancelled')
     LIMIT 1000`,
    [staleAfterMs],
  );
  for (const r of rows) await enqueueDelivery(pool, r.bulk_id ? { bulkId: r.bulk_id } : { replayId: r.replay_id! });
  return rows.length;
}
