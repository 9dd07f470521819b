// Loads generated history (generate-history.ts) fast: secondary indexes and the events FK
// dropped for the load and rebuilt after it (a sorted build is several times faster than
// millions of index insertions), and the rollup triggers off (a statement of a million rows
// would hand the trigger a million-row change set; the rollups are rebuilt from the loaded
// hours afterwards instead, as rollups:rebuild does).
import pg from "pg";
import { type RebuildResult, rebuildRollups } from "@/lib/jobs/rollups/rebuild-rollups";
import { generateEvents, generateTransactions, SPACING_MS } from "./generate-history";

const CHUNK = 1_000_000;

export async function loadHistory(
  c: pg.ClientBase,
  opts: { from: number; to: number; now: Date; sender: number; withEvents: number; log: (line: string) => void },
): Promise<void> {
  const { from, to, now, sender, withEvents, log } = opts;
  const t0 = performance.now();
  await withoutIndexes(c, async () => {
    for (let lo = from; lo < to; lo += CHUNK) {
      await generateTransactions(c, lo, Math.min(to, lo + CHUNK), now, sender);
      log(
        `bench: ${Math.min(to, lo + CHUNK).toLocaleString("en-US")} transactions (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
    }
    if (from < withEvents) {
      await generateEvents(c, new Date(now.getTime() - Math.min(to, withEvents) * SPACING_MS));
      log(
        `bench: events and payloads for the newest ${Math.min(to, withEvents).toLocaleString("en-US")} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
    }
  });
  log(`bench: indexes rebuilt (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  await c.query(`VACUUM (ANALYZE) transactions`);
  await c.query(`VACUUM (ANALYZE) events`);
}

async function withoutIndexes(c: pg.ClientBase, load: () => Promise<void>): Promise<void> {
  const { rows } = await c.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
     WHERE schemaname = 'public' AND tablename IN ('transactions', 'events') AND indexname NOT LIKE '%pkey'`,
  );
  for (const r of rows) await c.query(`DROP INDEX ${pg.escapeIdentifier(r.name)}`);
  await c.query(`ALTER TABLE events DROP CONSTRAINT IF EXISTS events_transaction_id_fkey`);
  await c.query(`ALTER TABLE transactions DISABLE TRIGGER USER`);
  try {
    await load();
  } finally {
    await c.query(`ALTER TABLE transactions ENABLE TRIGGER USER`);
  }
  await c.query(`SET maintenance_work_mem = '512MB'`);
  for (const r of rows) await c.query(r.def);
  await c.query(
    `ALTER TABLE events ADD CONSTRAINT events_transaction_id_fkey FOREIGN KEY (transaction_id) REFERENCES transactions(id) ON DELETE RESTRICT ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED`,
  );
}

// Every hour that holds a transaction, recounted (the app's rebuild).
export async function rebuildAllRollups(pool: pg.Pool): Promise<RebuildResult> {
  const { rows } = await pool.query<{ first: Date; last: Date }>(
    `SELECT min(first_event_at) AS first, max(first_event_at) AS last FROM transactions`,
  );
  return rebuildRollups(pool, { from: rows[0]!.first, to: new Date(rows[0]!.last.getTime() + 1) });
}
