// npx tsx bench/floor-breakdown.ts [--events N]
//
// What the direct path's PostgreSQL time is made of: the statements of bench/lib/direct.ts
// run one table at a time (1 connection, one autocommitted statement per batch), against
// the real tables and against stripped copies (no foreign key, fewer indexes, text
// instead of jsonb). PostgreSQL CPU comes from /proc (the embedded server's process tree).
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "@/lib/postgres/migrate";
import { multiRowValues } from "@/lib/postgres/multi-row";
import { buildEventRows, buildTxRows, EVENT_COLUMNS, prepareDirect, TX_COLUMNS } from "./lib/direct";
import { cpuSecondsBetween, sampleTrees } from "./lib/procs";
import { startBenchServer, withClient, withDatabase } from "./lib/server";
import { generateWorkload } from "./lib/workload";

const { values: args } = parseArgs({ options: { events: { type: "string", default: "40000" } } });
const wl = generateWorkload({ events: Number(args.events), batchSize: 500 });
const DB = "crossdock_bench_floor";

const server = await startBenchServer(() => undefined);
if (!server.postmasterPid) console.log("(no PostgreSQL CPU figures: DATABASE_URL is set, the server is not ours)");
try {
  await withClient(server.adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB}`);
  });
  const url = withDatabase(server.adminUrl, DB);
  await migrate(url);
  const cat = await prepareDirect(url, wl.workflows, wl.sites);
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => undefined); // a server going away surfaces as the query's rejection
  await c.connect();
  await c.query(`
    CREATE TABLE tx_pkonly (LIKE transactions INCLUDING DEFAULTS, PRIMARY KEY (id));
    CREATE TABLE events_nofk (LIKE events INCLUDING ALL);
    CREATE TABLE events_min (LIKE events INCLUDING DEFAULTS, PRIMARY KEY (id), UNIQUE (sender_system_id, event_id));
    CREATE TABLE payloads_nofk (LIKE event_payloads INCLUDING ALL);
    CREATE TABLE payloads_text (event_id bigint PRIMARY KEY, payload text NOT NULL);
  `);

  const txRows = wl.batches.map((b) => multiRowValues(buildTxRows(cat, b)));
  const evRows = wl.batches.map((b) => multiRowValues(buildEventRows(cat, b)));
  const payloadOf = new Map(wl.stream.map((e) => [e.wire.id, e.payloadJson]));
  const newIds: { id: string; event_id: string }[][] = [];

  const n = wl.stream.length;
  const results: { step: string; pgUs: number; wallUs: number }[] = [];
  const step = async (name: string, run: (k: number) => Promise<void>): Promise<void> => {
    await withClient(server.adminUrl, (a) => a.query("CHECKPOINT")).catch(() => undefined);
    const before = sampleTrees({ pg: server.postmasterPid });
    const t0 = performance.now();
    for (let k = 0; k < wl.batches.length; k++) await run(k);
    const wall = performance.now() - t0;
    const after = sampleTrees({ pg: server.postmasterPid });
    const pgUs = (cpuSecondsBetween(before.pg!, after.pg!) * 1e6) / n;
    results.push({ step: name, pgUs, wallUs: (wall * 1000) / n });
    console.log(
      `  ${name.padEnd(62)} postgres ${pgUs.toFixed(0).padStart(4)} CPU-us/event, wall ${((wall * 1000) / n).toFixed(0).padStart(4)} us/event`,
    );
  };

  console.log(
    `${n} events (${wl.uniqueEvents} unique) in ${wl.batches.length} batches, one autocommitted statement per batch, 1 connection:`,
  );
  const txCols = TX_COLUMNS.join(", ");
  const evCols = EVENT_COLUMNS.join(", ");
  await step("transactions: real table (all indexes, 3 FKs)", async (k) => {
    await c.query(
      `INSERT INTO transactions (${txCols}) VALUES ${txRows[k]!.text} ON CONFLICT DO NOTHING`,
      txRows[k]!.params,
    );
  });
  await step("transactions: copy with only the primary key", async (k) => {
    await c.query(
      `INSERT INTO tx_pkonly (${txCols}) VALUES ${txRows[k]!.text} ON CONFLICT DO NOTHING`,
      txRows[k]!.params,
    );
  });
  await step("events: real table (3 indexes, FK to transactions)", async (k) => {
    const { rows } = await c.query<{ id: string; event_id: string }>(
      `INSERT INTO events (${evCols}) VALUES ${evRows[k]!.text} ON CONFLICT (sender_system_id, event_id, storage_day) DO NOTHING RETURNING id, event_id`,
      evRows[k]!.params,
    );
    newIds.push(rows);
  });
  await step("events: copy without the FK", async (k) => {
    await c.query(
      `INSERT INTO events_nofk (${evCols}) VALUES ${evRows[k]!.text} ON CONFLICT (sender_system_id, event_id, storage_day) DO NOTHING`,
      evRows[k]!.params,
    );
  });
  await step("events: copy without FK and without (transaction_id, occurred_at)", async (k) => {
    await c.query(
      `INSERT INTO events_min (${evCols}) VALUES ${evRows[k]!.text} ON CONFLICT (sender_system_id, event_id) DO NOTHING`,
      evRows[k]!.params,
    );
  });
  const pv = newIds.map((rows) =>
    multiRowValues(
      rows.map((r) => [r.id, payloadOf.get(r.event_id)]),
      ["bigint", "jsonb"],
    ),
  );
  const pvText = newIds.map((rows) =>
    multiRowValues(
      rows.map((r) => [r.id, payloadOf.get(r.event_id)]),
      ["bigint", "text"],
    ),
  );
  await step("event_payloads: real table (jsonb, FK to events)", async (k) => {
    await c.query(
      `INSERT INTO event_payloads (event_id, payload) VALUES ${pv[k]!.text} ON CONFLICT DO NOTHING`,
      pv[k]!.params,
    );
  });
  await step("event_payloads: copy without the FK (jsonb)", async (k) => {
    await c.query(
      `INSERT INTO payloads_nofk (event_id, payload) VALUES ${pv[k]!.text} ON CONFLICT DO NOTHING`,
      pv[k]!.params,
    );
  });
  await step("event_payloads: copy without the FK, text instead of jsonb", async (k) => {
    await c.query(
      `INSERT INTO payloads_text (event_id, payload) VALUES ${pvText[k]!.text} ON CONFLICT DO NOTHING`,
      pvText[k]!.params,
    );
  });
  await c.end();
  await withClient(server.adminUrl, (a) => a.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
} finally {
  await server.stop();
}
