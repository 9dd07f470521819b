import type { Pool } from "pg";
import { type RetentionPolicy, readRetentionPolicy } from "./read-retention-policy";

// The Storage page (Admin): what each table and day partition holds, how fast it grows,
// where it ends up under the retention settings, and what the last retention runs did.
// Row counts are PostgreSQL's estimates (reltuples, kept by ANALYZE): counting a day of
// several hundred thousand rows for every partition would cost seconds per view.

export interface StoragePartition {
  table: "events" | "event_payloads";
  name: string;
  day: string | null; // null: the default partition
  rows: number;
  bytes: number;
}

export interface StorageTable {
  table: string;
  rows: number;
  bytes: number; // with indexes (and TOAST), all partitions together
  partitions: number;
}

export interface RetentionRunSummary {
  id: number;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: string;
  summary: {
    partitionsCreated?: number;
    payloadDays?: { day: string; rows: number; kept: number }[];
    eventDays?: { day: string; rows: number; keptTransactions: number; deletedTransactions: number }[];
    rollupRowsDeleted?: number;
    ms?: number;
  };
  error: string | null;
}

export interface StorageOverview {
  asOf: Date;
  policy: RetentionPolicy;
  tables: StorageTable[];
  partitions: StoragePartition[];
  oldestDay: string | null; // storage days of the transactions kept
  newestDay: string | null;
  // per day, the mean of the last complete days stored (up to 7)
  dailyGrowth: { events: number; payloads: number; transactions: number; days: number };
  // bytes once each kind of data is kept for its whole retention at that rate
  projectedBytes: number;
  totalBytes: number;
  runs: RetentionRunSummary[];
}

const TABLES = [
  "transactions",
  "events",
  "event_payloads",
  "rollup_hourly",
  "rollup_latency",
  "rollup_latency_daily",
  "rollup_failures",
  "rollup_failures_daily",
];

export async function getStorageOverview(pool: Pool, now = new Date()): Promise<StorageOverview> {
  const [policy, partitions, tables, days, txGrowth, runs] = await Promise.all([
    readRetentionPolicy(pool),
    readPartitions(pool),
    readTables(pool),
    pool.query<{ oldest: string | null; newest: string | null }>(
      `SELECT min(storage_day)::text AS oldest, max(storage_day)::text AS newest FROM transactions`,
    ),
    // The complete days (of the last 7) that stored anything, by the transactions index:
    // an empty day partition still has a few pages of indexes and is not a day of growth.
    pool.query<{ day: string; n: string }>(
      `SELECT storage_day::text AS day, count(*) AS n FROM transactions
       WHERE storage_day >= (now() AT TIME ZONE 'UTC')::date - 7 AND storage_day < (now() AT TIME ZONE 'UTC')::date
       GROUP BY storage_day`,
    ),
    pool.query<RetentionRunSummary>(
      `SELECT id, started_at AS "startedAt", finished_at AS "finishedAt", outcome, summary, error
       FROM retention_runs ORDER BY started_at DESC, id DESC LIMIT 10`,
    ),
  ]);
  const storedDays = new Set(txGrowth.rows.map((r) => r.day));
  const complete = (table: StoragePartition["table"]) =>
    partitions.filter((p) => p.table === table && p.day !== null && storedDays.has(p.day));
  const mean = (ps: StoragePartition[]) => (ps.length === 0 ? 0 : ps.reduce((s, p) => s + p.bytes, 0) / ps.length);
  const eventDays = complete("events");
  const tx = tables.find((t) => t.table === "transactions")!;
  const txStored = txGrowth.rows.reduce((s, r) => s + Number(r.n), 0);
  const txPerDay = storedDays.size === 0 ? 0 : txStored / storedDays.size;
  const dailyGrowth = {
    events: mean(eventDays),
    payloads: mean(complete("event_payloads")),
    transactions: tx.rows > 0 ? (tx.bytes / tx.rows) * txPerDay : 0,
    days: storedDays.size,
  };
  const rollups = tables.filter((t) => t.table.startsWith("rollup_")).reduce((s, t) => s + t.bytes, 0);
  return {
    asOf: now,
    policy,
    tables,
    partitions,
    oldestDay: days.rows[0]!.oldest,
    newestDay: days.rows[0]!.newest,
    dailyGrowth,
    projectedBytes:
      (dailyGrowth.events + dailyGrowth.transactions) * policy.eventDays +
      dailyGrowth.payloads * policy.payloadDays +
      rollups,
    totalBytes: tables.reduce((s, t) => s + t.bytes, 0),
    runs: runs.rows,
  };
}

async function readPartitions(pool: Pool): Promise<StoragePartition[]> {
  const { rows } = await pool.query<{ parent: StoragePartition["table"]; name: string; rows: number; bytes: string }>(
    `SELECT p.relname AS parent, c.relname AS name, greatest(c.reltuples, 0)::float8 AS rows,
            pg_total_relation_size(c.oid) AS bytes
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname IN ('events', 'event_payloads') ORDER BY p.relname DESC, c.relname`,
  );
  return rows.map((r) => ({
    table: r.parent,
    name: r.name,
    day: /_p\d{8}$/.test(r.name) ? `${r.name.slice(-8, -4)}-${r.name.slice(-4, -2)}-${r.name.slice(-2)}` : null,
    rows: Math.round(r.rows),
    bytes: Number(r.bytes),
  }));
}

async function readTables(pool: Pool): Promise<StorageTable[]> {
  const { rows } = await pool.query<{ table: string; rows: number; bytes: string; partitions: number }>(
    `SELECT t.name AS "table",
            coalesce(sum(greatest(c.reltuples, 0)) FILTER (WHERE c.relkind = 'r'), 0)::float8 AS rows,
            coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relkind = 'r'), 0) AS bytes,
            (count(*) FILTER (WHERE c.relkind = 'r' AND tree.level > 0))::int AS partitions
     FROM unnest($1::text[]) AS t(name)
     -- a table outside any partition tree has no rows in pg_partition_tree: it stands for itself
     LEFT JOIN LATERAL pg_partition_tree(t.name::regclass) tree ON true
     JOIN pg_class c ON c.oid = coalesce(tree.relid, t.name::regclass)
     GROUP BY t.name ORDER BY array_position($1::text[], t.name)`,
    [TABLES],
  );
  return rows.map((r) => ({
    table: r.table,
    rows: Math.round(r.rows),
    bytes: Number(r.bytes),
    partitions: r.partitions,
  }));
}
