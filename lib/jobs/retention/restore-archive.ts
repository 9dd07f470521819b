import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import type { Pool, PoolClient } from "pg";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { archivePaths, digestOf, readManifest } from "./archive-files";
import { addDays, databaseToday, ensureStoragePartitions } from "./storage-partitions";

// Loads archived days back into the live tables (npm run archive:restore): the day's closed
// transactions, their events and the payloads archived for those days. They are stored as
// today's, so they stay for a whole retention period again; rows that are live already
// (open work kept at expiry) are left as they are. Inserted with crossdock.retention set,
// so the rollups, which kept counting them, do not count them twice.

const TABLES = ["transactions", "events", "event_payloads"] as const;
export type RestoredCounts = Record<(typeof TABLES)[number], number>;

export interface RestoredDay {
  day: string;
  rows: RestoredCounts; // inserted (live copies already there are not counted)
  archived: Partial<RestoredCounts>; // rows in the archive files found for that day
}

export async function restoreArchive(pool: Pool, archiveDir: string, from: string, to: string): Promise<RestoredDay[]> {
  if (from > to) throw new AppError(400, `--from (${from}) is after --to (${to}).`);
  const today = await databaseToday(pool);
  await ensureStoragePartitions(pool, 0);
  const restored: RestoredDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const manifests = await Promise.all(TABLES.map((t) => readManifest(archiveDir, t, day)));
    if (manifests.every((m) => m === null)) continue;
    for (const [k, m] of manifests.entries()) {
      if (!m) continue;
      const { sha256 } = await digestOf(archivePaths(archiveDir, TABLES[k]!, day).data);
      if (sha256 !== m.sha256)
        throw new AppError(
          409,
          `Archive ${TABLES[k]}/${day}.ndjson.gz does not match its manifest (sha256 ${sha256}, manifest ${m.sha256}); nothing of ${day} was restored.`,
        );
    }
    const rows = await inTransaction(pool, async (client) => {
      await client.query("SET LOCAL crossdock.retention = 'on'");
      const counts: RestoredCounts = { transactions: 0, events: 0, event_payloads: 0 };
      for (const [k, m] of manifests.entries())
        if (m)
          counts[TABLES[k]!] = await loadFile(
            client,
            archivePaths(archiveDir, TABLES[k]!, day).data,
            TABLES[k]!,
            today,
          );
      return counts;
    });
    const archived: Partial<RestoredCounts> = {};
    manifests.forEach((m, k) => {
      if (m) archived[TABLES[k]!] = m.rows;
    });
    restored.push({ day, rows, archived });
  }
  return restored;
}

const LIVE_ALREADY: Record<(typeof TABLES)[number], string> = {
  transactions: "",
  events: "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.id)",
  event_payloads: "WHERE NOT EXISTS (SELECT 1 FROM event_payloads p WHERE p.event_id = r.event_id)",
};

async function loadFile(
  client: PoolClient,
  file: string,
  table: (typeof TABLES)[number],
  today: string,
): Promise<number> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let batch: unknown[] = [];
  let inserted = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    // Rows come back in the table's own shape; only the storage day is today's. An event or
    // payload still live under its id (open work moved at expiry) is not stored twice.
    const r = await client.query(
      `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json) r
       ${LIVE_ALREADY[table]} ON CONFLICT DO NOTHING`,
      [JSON.stringify(batch)],
    );
    inserted += r.rowCount ?? 0;
    batch = [];
  };
  for await (const line of lines) {
    if (line.trim() === "") continue;
    batch.push({ ...(JSON.parse(line) as object), storage_day: today });
    if (batch.length >= 1000) await flush();
  }
  await flush();
  return inserted;
}
