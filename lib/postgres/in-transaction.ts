import type { ClientBase, Pool, PoolClient } from "pg";

export interface TransactionOptions {
  // false: SET LOCAL jit = off. A SET LOCAL ends with the transaction, so it never leaks to
  // the next user of a pooled connection.
  jit?: boolean;
}

// The one shape every write service shares: BEGIN, the work and its audit row, COMMIT;
// ROLLBACK on any error so a change never lands without its audit row (or the reverse).
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransactionOn(client, work, options);
  } finally {
    client.release();
  }
}

// The same on a connection the caller holds across several transactions (a retried ingest
// batch, one migration after another).
export async function inTransactionOn<C extends ClientBase, T>(
  client: C,
  work: (client: C) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  try {
    // One round trip: the settings go with BEGIN.
    await client.query(options.jit === false ? "BEGIN; SET LOCAL jit = off" : "BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
