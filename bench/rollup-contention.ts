// npx tsx bench/rollup-contention.ts [--events 60000 --clients 4 --batch 500]
//
// Rollup upkeep under concurrent ingest batches: the shipped design (the trigger appends
// delta rows; the worker folds them) against updating the rollup rows in place inside the
// ingest transaction (the same trigger, its hourly deltas upserted straight into
// rollup_hourly; latency and failure deltas still appended, so the in-place variant does
// less work than a complete one would). Same workload (bench/lib/workload.ts), stored
// through the app's own ingest code (storeEvents) from `--clients` concurrent loops, each
// variant in a fresh database. Prints events/s and how often ingest backends waited on a
// lock (sampled from pg_stat_activity). A third variant without rollup upkeep (triggers off)
// is the baseline: its lock waits are the batches' own (one transaction's events in two
// concurrent batches).
import { parseArgs } from "node:util";
import pg from "pg";
import { parseNativeBody } from "@/lib/ingest/parse-native";
import { storeEvents } from "@/lib/ingest/store-events";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { startRollupRefresher } from "@/lib/jobs/rollups/rollup-refresher";
import { migrate } from "@/lib/postgres/migrate";
import { startBenchServer, withClient, withDatabase } from "./lib/server";
import { generateWorkload } from "./lib/workload";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "60000" },
    clients: { type: "string", default: "4" },
    batch: { type: "string", default: "500" },
  },
});
const EVENTS = Number(args.events);
const CLIENTS = Number(args.clients);
const BATCH = Number(args.batch);
const log = (line: string): void => console.log(line);

// rollup_hourly upserted in the ingest transaction: the row locks are held until it commits.
const IN_PLACE = `
CREATE OR REPLACE FUNCTION append_rollup_deltas_in_place() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (DELETE FROM rollup_hourly_deltas RETURNING *),
  s AS (SELECT bucket, workflow_id, site_id, sum(started) AS started, sum(succeeded) AS succeeded, sum(ever_failed) AS ever_failed
        FROM d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3)
  INSERT INTO rollup_hourly AS r (bucket, workflow_id, site_id, started, succeeded, resolved, cancelled, in_progress, needs_person,
    ever_failed, first_attempt_failed, manual, failed_source_api, failed_middleware, failed_broker, failed_target_api)
  SELECT bucket, workflow_id, site_id, started, succeeded, 0, 0, 0, 0, ever_failed, 0, 0, 0, 0, 0, 0 FROM s
  ON CONFLICT (bucket, workflow_id, site_id) DO UPDATE SET started = r.started + excluded.started,
    succeeded = r.succeeded + excluded.succeeded, ever_failed = r.ever_failed + excluded.ever_failed;
  RETURN NULL;
END $$;
CREATE TRIGGER rollup_hourly_deltas_in_place AFTER INSERT ON rollup_hourly_deltas FOR EACH STATEMENT EXECUTE FUNCTION append_rollup_deltas_in_place();`;

type Variant = "no rollups" | "delta rows" | "in place";

async function run(adminUrl: string, variant: Variant): Promise<void> {
  const db = `crossdock_bench_contention`;
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${db}`);
  });
  const url = withDatabase(adminUrl, db);
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS + 2 });
  try {
    if (variant === "in place") await pool.query(IN_PLACE);
    if (variant === "no rollups") await pool.query(`ALTER TABLE transactions DISABLE TRIGGER USER`);
    const sender = (
      await pool.query<{ id: number }>(`INSERT INTO systems (name, kind) VALUES ('bench', 'middleware') RETURNING id`)
    ).rows[0]!.id;
    const wl = generateWorkload({ events: EVENTS, batchSize: BATCH, idPrefix: "c" });
    const batches = wl.batches.map(
      (b) => parseNativeBody({ events: b.map((e) => e.wire) }, { maxEvents: 1000, maxPayloadBytes: 256 * 1024 }).items,
    );
    await storeEvents(pool, sender, batches[0]!); // catalogue warm
    const folder = variant === "delta rows" ? startRollupRefresher(pool, { intervalMs: 500 }) : null;
    const waits = { samples: 0, lock: 0 };
    const sampler = setInterval(() => {
      void pool
        .query<{ busy: number; lock: number }>(
          `SELECT count(*) FILTER (WHERE state = 'active')::int AS busy, count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock')::int AS lock
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        )
        .then(
          ({ rows }) => {
            waits.samples += rows[0]!.busy;
            waits.lock += rows[0]!.lock;
          },
          () => undefined,
        );
    }, 20);
    let next = 1;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = next++; i < batches.length; i = next++) await storeEvents(pool, sender, batches[i]!);
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    await folder?.stop();
    if (variant === "delta rows") await refreshRollups(pool);
    const { rows } = await pool.query<{ n: number }>(`SELECT coalesce(sum(started), 0)::int AS n FROM rollup_hourly`);
    const counted =
      variant === "no rollups" ? "" : `; rollup_hourly counts ${rows[0]!.n} of ${wl.transactions} transactions`;
    log(
      `${variant}: ${(EVENTS / seconds).toFixed(0)} events/s over ${seconds.toFixed(1)} s; active ingest backends waiting on a lock in ${((100 * waits.lock) / Math.max(1, waits.samples)).toFixed(0)}% of samples${counted}`,
    );
  } finally {
    await pool.end();
    await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`));
  }
}

const server = await startBenchServer(log);
try {
  log(`bench: ${EVENTS} events, batches of ${BATCH}, ${CLIENTS} concurrent clients`);
  for (const variant of ["no rollups", "delta rows", "in place", "no rollups", "delta rows", "in place"] as const)
    await run(server.adminUrl, variant);
} finally {
  await server.stop();
}
