import type { Pool, PoolClient } from "pg";

// The one shape every write service shares: BEGIN, the work and its audit row, COMMIT;
// ROLLBACK on any error so a change never lands without its audit row (or the reverse).
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
