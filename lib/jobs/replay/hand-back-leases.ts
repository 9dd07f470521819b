import type { Pool } from "pg";

// A stopping worker (SIGTERM: a deploy, a scale-down) hands back the replays it leased but
// has not sent yet, so another worker can deliver them at once instead of waiting for the
// lease to run out. They go back to `queued`, still claimed (their transactions stay
// `replaying`), due now, and the attempt counted at lease time is taken back: nothing was
// sent. Rows whose delivery had started are recorded by recordOutcomes as usual.
export async function handBackLeases(pool: Pool, replayIds: string[]): Promise<number> {
  if (replayIds.length === 0) return 0;
  const { rowCount } = await pool.query(
    `UPDATE replays SET status = 'queued', attempts = greatest(attempts - 1, 0), lease_until = NULL, next_attempt_at = now()
     WHERE id = ANY($1::uuid[]) AND status = 'delivering'`,
    [replayIds],
  );
  return rowCount ?? 0;
}
