import type { Pool, PoolClient } from "pg";
import { inTransaction, type TransactionOptions } from "./in-transaction";

// A transaction of background maintenance (partition creation, retention's detach) that
// takes locks in another order than the request paths do: it locks `events` and then rows
// of `transactions`, while an ingest batch or a replay claim locks a transaction and then
// writes events. Left to PostgreSQL's deadlock check, either side could be cancelled, and a
// cancelled claim fails a whole delivery job. So the maintenance waits at most YIELD_AFTER
// for any lock (less than the server's 1 s deadlock_timeout): it is always the one that
// gives way, rolls back and tries again a moment later.
const YIELD_AFTER = "500ms";
const TRIES = 10;

export async function inYieldingTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(
        pool,
        async (client) => {
          await client.query(`SET LOCAL lock_timeout = '${YIELD_AFTER}'`);
          return work(client);
        },
        options,
      );
    } catch (error) {
      const code = (error as { code?: string }).code;
      const gaveWay = code === "55P03" || code === "40P01"; // lock_not_available, deadlock_detected
      if (!gaveWay || attempt === TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
