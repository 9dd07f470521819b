import type { Pool } from "pg";

// Makes stored transactions look as if they had been stored on `day`: the transaction, its
// events and their payloads move to that day's partitions (created if missing), the way
// they would sit had they arrived then. Tests of retention and of idempotency across days
// use it instead of waiting for the calendar.
export async function moveToStorageDay(pool: Pool, externalIds: string[], day: string): Promise<void> {
  await pool.query(`SELECT ensure_storage_partitions($1::date, $1::date)`, [day]);
  await pool.query(
    `WITH t AS (UPDATE transactions SET storage_day = $2::date WHERE external_id = ANY($1::text[]) RETURNING id),
          e AS (UPDATE events SET storage_day = $2::date WHERE transaction_id IN (SELECT id FROM t) RETURNING id)
     UPDATE event_payloads SET storage_day = $2::date WHERE event_id IN (SELECT id FROM e)`,
    [externalIds, day],
  );
}

export async function databaseDay(pool: Pool, offsetDays = 0): Promise<string> {
  const { rows } = await pool.query<{ day: string }>(
    `SELECT ((now() AT TIME ZONE 'UTC')::date + $1::int)::text AS day`,
    [offsetDays],
  );
  return rows[0]!.day;
}

// The partition (table name) each of a transaction's events is stored in, by event id.
export async function eventPartitions(pool: Pool, externalId: string): Promise<Record<string, string>> {
  const { rows } = await pool.query<{ event_id: string; part: string }>(
    `SELECT e.event_id, e.tableoid::regclass::text AS part FROM events e JOIN transactions t ON t.id = e.transaction_id
     WHERE t.external_id = $1 ORDER BY e.event_id`,
    [externalId],
  );
  return Object.fromEntries(rows.map((r) => [r.event_id, r.part]));
}
