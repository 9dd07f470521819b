import type { Pool } from "pg";
import { REPLICA_LAG_SECONDS_SQL } from "@/lib/postgres/replica-lag";

// How fresh the figures a view reads are. On the primary, rollup figures are as of the last
// fold (everything committed before it started is counted) and live reads as of the request.
// On a streaming replica (DATABASE_READ_URL) both are also no later than what the replica
// has replayed: the replay lag is taken off the request time, and where that lag is unknown
// the replayed fold time stands in (the replica holds at least everything before it).

interface Freshness {
  foldedAt: Date;
  // seconds behind the primary; 0 on the primary itself; null: a standby that cannot tell
  lagSeconds: number | null;
}

async function readFreshness(pool: Pool): Promise<Freshness> {
  const { rows } = await pool.query<{ folded_at: Date | null; lag_seconds: number | null; standby: boolean }>(
    `SELECT (SELECT folded_at FROM rollup_state WHERE id = 1) AS folded_at,
            pg_is_in_recovery() AS standby, ${REPLICA_LAG_SECONDS_SQL} AS lag_seconds`,
  );
  const row = rows[0]!;
  return { foldedAt: row.folded_at ?? new Date(0), lagSeconds: row.standby ? row.lag_seconds : 0 };
}

// The time the data read at `now` is current to: `now` less the replica's lag.
function dataAsOf(freshness: Freshness, now: Date): Date {
  if (freshness.lagSeconds === null) return freshness.foldedAt;
  return new Date(now.getTime() - Math.round(freshness.lagSeconds * 1000));
}

// Rollup-based views: the start of the last fold the server has (dashboards report it rather
// than wait for a fold; the worker folds every few hundred milliseconds, see
// lib/jobs/rollups/fold-rollups.ts), never later than the data itself.
export async function readRollupsFoldedAt(pool: Pool, now = new Date()): Promise<Date> {
  const freshness = await readFreshness(pool);
  if (freshness.lagSeconds === 0) return freshness.foldedAt;
  const asOf = dataAsOf(freshness, now);
  return new Date(Math.min(asOf.getTime(), freshness.foldedAt.getTime()));
}

// Live views (stuck work): as of the request on the primary, less the lag on a replica.
export async function readLiveAsOf(pool: Pool, now: Date): Promise<Date> {
  return dataAsOf(await readFreshness(pool), now);
}
