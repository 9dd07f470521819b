import type { Pool, PoolClient } from "pg";
import { inTransaction } from "@/lib/postgres/in-transaction";

// Periodic work that must run in one process at a time (rollup refresh, issue sync, alert
// evaluation): `work` runs in one transaction holding a transaction-level advisory lock,
// committed when it returns and rolled back when it throws. `wait`: queue behind a holder;
// otherwise give up at once and answer null (the holder's result is there a moment later).
export async function withAdvisoryLock<T>(
  pool: Pool,
  lockId: number,
  wait: boolean,
  work: (client: PoolClient) => Promise<T>,
): Promise<T | null> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ ok: boolean }>(
      wait ? `SELECT pg_advisory_xact_lock($1) IS NOT NULL AS ok` : `SELECT pg_try_advisory_xact_lock($1) AS ok`,
      [lockId],
    );
    // Not acquired: nothing was done, so the empty transaction simply ends.
    if (!rows[0]?.ok) return null;
    return work(client);
  });
}
