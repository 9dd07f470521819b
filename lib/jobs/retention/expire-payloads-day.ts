import type { Pool } from "pg";
import { inYieldingTransaction } from "@/lib/postgres/yielding-transaction";
import { type ArchiveManifest, writeArchive } from "./archive-files";
import { partitionPages } from "./archive-pages";
import { OPEN_WORK_SQL } from "./open-work";
import type { DayPartition } from "./storage-partitions";

export interface ExpiredPayloadsDay {
  day: string;
  payloads: number;
  keptPayloads: number; // open work's, moved to today's partition
  archive: ArchiveManifest | null;
  ms: { detach: number; archive: number; drop: number };
}

// Expires one day of payloads the way expireEventsDay does events. Which payloads open
// work keeps is found from the open transactions' events, each transaction's looked up in
// its own storage day's partition: the cost follows the open work, not the stored volume.
// A payload of open work may sit in any day (an earlier run moved it to its own today), so
// the lookup cannot start from this day's partition.
export async function expirePayloadsDay(
  pool: Pool,
  partition: DayPartition,
  today: string,
  archiveDir: string | null,
): Promise<ExpiredPayloadsDay> {
  const { day, name } = partition;
  const t0 = performance.now();
  const keptPayloads = await inYieldingTransaction(
    pool,
    async (client) => {
      await client.query("LOCK TABLE event_payloads IN ACCESS EXCLUSIVE MODE");
      // Ingest waits while this runs. As a plain join the planner hashes every events
      // partition (seconds at a month of history, growing with the retention kept); the
      // LATERAL ... OFFSET 0 keeps it a per-transaction lookup pruned to one partition. Its
      // estimate is pessimistic, which would buy a JIT compile costing more than the query.
      const moved = await client.query(
        `INSERT INTO event_payloads (event_id, payload, storage_day)
       SELECT p.event_id, p.payload, $1::date
       FROM (${OPEN_WORK_SQL}) o
       CROSS JOIN LATERAL (
         SELECT e.id FROM events e WHERE e.transaction_id = o.id AND e.storage_day = o.storage_day OFFSET 0
       ) e
       JOIN "${name}" p ON p.event_id = e.id
       ON CONFLICT DO NOTHING`,
        [today],
      );
      await client.query(`ALTER TABLE event_payloads DETACH PARTITION "${name}"`);
      return moved.rowCount ?? 0;
    },
    { jit: false },
  );
  const t1 = performance.now();
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`);
  const archive = archiveDir
    ? await writeArchive(archiveDir, "event_payloads", day, partitionPages(pool, name, "event_id"))
    : null;
  const t2 = performance.now();
  await pool.query(`DROP TABLE "${name}"`);
  const t3 = performance.now();
  return {
    day,
    payloads: Number(rows[0]!.n),
    keptPayloads,
    archive,
    ms: { detach: t1 - t0, archive: t2 - t1, drop: t3 - t2 },
  };
}
