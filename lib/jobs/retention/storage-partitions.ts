import type { ClientBase, Pool } from "pg";
import { BACKFILL_DAYS } from "@/lib/domain/storage-day";
import { inYieldingTransaction } from "@/lib/postgres/yielding-transaction";

// The day partitions of events and event_payloads (migration 20261205040000_partitioned_events):
// <table>_pYYYYMMDD holds one UTC storage day, <table>_default whatever has no partition.

export const PARTITIONED_TABLES = ["events", "event_payloads"] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

export interface DayPartition {
  table: PartitionedTable;
  name: string;
  day: string; // YYYY-MM-DD
}

// Creates the missing partitions from BACKFILL_DAYS before today to `daysAhead` days ahead,
// so ingest never routes a day's rows to the default partition. Returns how many it created.
// Creating a partition locks `transactions` after `events`: it gives way to request paths.
export async function ensureStoragePartitions(pool: Pool, daysAhead: number): Promise<number> {
  return inYieldingTransaction(pool, async (client) => {
    const { rows } = await client.query<{ created: number }>(
      `SELECT ensure_storage_partitions((now() AT TIME ZONE 'UTC')::date - $1::int,
                                        (now() AT TIME ZONE 'UTC')::date + $2::int) AS created`,
      [BACKFILL_DAYS, daysAhead],
    );
    return rows[0]!.created;
  });
}

// The attached day partitions of `table` holding days before `beforeDay`, oldest first.
export async function listDayPartitions(
  db: Pool | ClientBase,
  table: PartitionedTable,
  beforeDay: string,
): Promise<DayPartition[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i
     JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = $1 AND c.relname ~ '_p[0-9]{8}$' ORDER BY c.relname`,
    [table],
  );
  return rows.map((r) => ({ table, name: r.name, day: dayOfPartition(r.name) })).filter((p) => p.day < beforeDay);
}

export function dayOfPartition(name: string): string {
  const digits = name.slice(-8);
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

// Today in UTC by the database's clock, the clock that stamps storage days.
export async function databaseToday(db: Pool | ClientBase): Promise<string> {
  const { rows } = await db.query<{ today: string }>(`SELECT ((now() AT TIME ZONE 'UTC')::date)::text AS today`);
  return rows[0]!.today;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
