import type { Pool } from "pg";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { inYieldingTransaction } from "@/lib/postgres/yielding-transaction";
import { type ArchiveManifest, writeArchive } from "./archive-files";
import { partitionPages, transactionPages } from "./archive-pages";
import { OPEN_WORK_SQL } from "./open-work";
import type { DayPartition } from "./storage-partitions";

const EVENT_COLUMNS = `id, sender_system_id, event_id, transaction_id, workflow, stage, layer, occurred_at, received_at,
  duration_ms, source_system, target_system, site, business_key, refs, value_amount, value_currency, quantity,
  error_code, error_message, error_retryable, attempt, trace_id, span_id, parent_span_id`;

export interface ExpiredEventsDay {
  day: string;
  events: number; // rows in the partition when it was detached
  keptTransactions: number; // open work moved to today's partition
  keptEvents: number;
  deletedTransactions: number;
  archive: { events: ArchiveManifest; transactions: ArchiveManifest } | null;
  ms: { detach: number; archive: number; drop: number; transactions: number };
}

// Expires one day of events: open work's transactions and events move to today's
// partition (a copy bounded by the open work, not by the day), the partition is detached,
// written to the archive, dropped; then the day's closed transactions are archived and
// deleted without retracting their rollup contributions (rollups are kept longer).
export async function expireEventsDay(
  pool: Pool,
  partition: DayPartition,
  today: string,
  archiveDir: string | null,
): Promise<ExpiredEventsDay> {
  const { day, name } = partition;
  const t0 = performance.now();
  // Gives way to ingest and replay claims (it locks events before their transactions).
  const detached = await inYieldingTransaction(pool, async (client) => {
    // First, so no event can be routed to this day between the move and the detach: ingest
    // waits here, and an event it had meant for this day lands in the default partition.
    await client.query("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
    const { rows: moved } = await client.query<{ id: string }>(
      `UPDATE transactions t SET storage_day = $2::date
       WHERE t.storage_day = $1::date AND t.id IN (SELECT o.id FROM (${OPEN_WORK_SQL}) o WHERE o.storage_day = $1::date)
       RETURNING t.id`,
      [day, today],
    );
    const ids = moved.map((r) => r.id);
    const copied = await client.query(
      `INSERT INTO events (${EVENT_COLUMNS}, storage_day)
       SELECT ${EVENT_COLUMNS}, $2::date FROM "${name}" WHERE transaction_id = ANY($1::uuid[])`,
      [ids, today],
    );
    await client.query(`ALTER TABLE events DETACH PARTITION "${name}"`);
    return { keptTransactions: ids.length, keptEvents: copied.rowCount ?? 0 };
  });
  const t1 = performance.now();
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`);
  const eventsArchive = archiveDir
    ? await writeArchive(archiveDir, "events", day, partitionPages(pool, name, "id"))
    : null;
  const t2 = performance.now();
  await pool.query(`DROP TABLE "${name}"`);
  const t3 = performance.now();
  const closed = await deleteClosedTransactions(pool, day, archiveDir);
  const t4 = performance.now();
  return {
    day,
    ...detached,
    events: Number(rows[0]!.n),
    deletedTransactions: closed.deleted,
    archive: eventsArchive && closed.archive ? { events: eventsArchive, transactions: closed.archive } : null,
    ms: { detach: t1 - t0, archive: t2 - t1, drop: t3 - t2, transactions: t4 - t3 },
  };
}

// The day's transactions that are closed and have no event left (a straggler that reached
// the default partition keeps its transaction): archived, then deleted with their replays.
// crossdock.retention tells the rollup trigger not to retract them.
async function deleteClosedTransactions(
  pool: Pool,
  day: string,
  archiveDir: string | null,
): Promise<{ deleted: number; archive: ArchiveManifest | null }> {
  return inTransaction(pool, async (client) => {
    await client.query("SET LOCAL crossdock.retention = 'on'");
    const { rows } = await client.query<{ id: string }>(
      `SELECT t.id FROM transactions t
       WHERE t.storage_day = $1::date
         AND t.id NOT IN (SELECT o.id FROM (${OPEN_WORK_SQL}) o WHERE o.storage_day = $1::date)
         AND NOT EXISTS (SELECT 1 FROM events_default e WHERE e.transaction_id = t.id)
       ORDER BY t.id FOR UPDATE`,
      [day],
    );
    const ids = rows.map((r) => r.id);
    const archive = archiveDir
      ? await writeArchive(archiveDir, "transactions", day, transactionPages(client, ids))
      : null;
    await client.query(`DELETE FROM replays WHERE transaction_id = ANY($1::uuid[])`, [ids]);
    const deleted = await client.query(`DELETE FROM transactions WHERE id = ANY($1::uuid[])`, [ids]);
    return { deleted: deleted.rowCount ?? 0, archive };
  });
}
