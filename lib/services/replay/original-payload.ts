import type { PoolClient } from "pg";

// The message a replay redelivers: the payload of the transaction's earliest event that
// kept one (the message as the source sent it), unless an engineer edited it.
export async function originalPayload(client: PoolClient, transactionId: string): Promise<unknown> {
  const { rows } = await client.query<{ payload: unknown }>(
    `SELECT p.payload FROM events e JOIN event_payloads p ON p.event_id = e.id
     WHERE e.transaction_id = $1 AND e.event_id NOT LIKE 'crossdock:%'
     ORDER BY e.occurred_at, e.id LIMIT 1`,
    [transactionId],
  );
  return rows[0]?.payload ?? null;
}
