import type { Pool, PoolClient } from "pg";

// How far a server's data is behind its primary, in seconds, as one SQL expression: NULL on
// a primary; 0 on a standby that has replayed everything it received while its WAL receiver
// is connected (an idle primary sends no commits, so the age of the last replayed commit
// would overstate the lag); otherwise the age of the last commit it replayed, which keeps
// growing while the receiver is cut off. NULL on a standby that has replayed no commit since
// it started and is not streaming: its lag is unknown.
// pg_stat_wal_receiver shows ordinary roles the receiver's pid (and nothing else), enough
// to know that it runs.
export const REPLICA_LAG_SECONDS_SQL = `CASE
  WHEN NOT pg_is_in_recovery() THEN NULL
  WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN 0
  ELSE greatest(0, extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()))::float8
END`;

export interface ReplicaLag {
  // null: a standby whose lag is unknown (see above)
  lagSeconds: number | null;
}

type Queryable = Pick<Pool | PoolClient, "query">;

// The lag of the server behind `db`, or null when it is not a standby (a primary).
export async function readReplicaLag(db: Queryable): Promise<ReplicaLag | null> {
  const { rows } = await db.query<{ standby: boolean; lag_seconds: number | null }>(
    `SELECT pg_is_in_recovery() AS standby, ${REPLICA_LAG_SECONDS_SQL} AS lag_seconds`,
  );
  const row = rows[0]!;
  return row.standby ? { lagSeconds: row.lag_seconds } : null;
}
