// npm run bench:retention [-- --days 30 --events-per-day 300000 --expire 16 --rate 400 --phase-seconds 20 --keep]
//
// Retention under load: --days daily partitions of --events-per-day events each (4 per
// transaction, a ~0.6 KB payload on the first, ~1% of transactions left open) generated in
// SQL, then one retention run that archives and drops the oldest --expire days while ingest
// runs at a steady --rate (events/s) over HTTP. Prints time per partition archived and
// dropped, archive size per million events, ingest rate and latency before / during /
// after, table sizes before / after, and whether any open work was removed. bench/README.md.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { runRetention } from "@/lib/jobs/retention/run-retention";
import { migrate } from "@/lib/postgres/migrate";
import { createApiKey } from "@/lib/services/create-api-key";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { startBenchServer, withClient, withDatabase } from "./lib/server";

const { values: args } = parseArgs({
  options: {
    days: { type: "string", default: "30" },
    "events-per-day": { type: "string", default: "300000" },
    expire: { type: "string", default: "16" },
    rate: { type: "string", default: "400" },
    batch: { type: "string", default: "100" },
    "phase-seconds": { type: "string", default: "20" },
    keep: { type: "boolean", default: false },
  },
});
function positiveInt(name: string, raw: string): number {
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got ${raw})`);
  return n;
}
const DAYS = positiveInt("days", args.days!);
const PER_DAY = positiveInt("events-per-day", args["events-per-day"]!);
const EXPIRE = positiveInt("expire", args.expire!);
const RATE = positiveInt("rate", args.rate!);
const BATCH = positiveInt("batch", args.batch!);
const PHASE_S = positiveInt("phase-seconds", args["phase-seconds"]!);
if (EXPIRE >= DAYS) throw new Error(`--expire (${EXPIRE}) must be less than --days (${DAYS})`);
const DB = "crossdock_bench_retention";
const log = (line: string): void => console.log(line);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// One day of history in SQL: transactions, 4 events each, a payload on the first. Inserted
// with crossdock.retention set: the rollups are not what this measures.
async function generateDay(c: pg.Client, day: string, systemId: number, workflowId: number): Promise<void> {
  const txs = Math.ceil(PER_DAY / 4);
  await c.query("BEGIN; SET LOCAL crossdock.retention = 'on'");
  await c.query(
    `INSERT INTO transactions (id, sender_system_id, external_id, workflow_id, status, current_layer, event_count,
                               first_event_at, last_event_at, completed_at, storage_day)
     SELECT md5('ret-' || $1 || '-' || i)::uuid, $2, 'RET-' || $1 || '-' || i, $3,
            CASE WHEN i % 100 = 0 THEN 'failed' ELSE 'succeeded' END, 'target_api', 4,
            $1::date + make_interval(secs => i * 86400.0 / $4), $1::date + make_interval(secs => i * 86400.0 / $4 + 2),
            CASE WHEN i % 100 = 0 THEN NULL ELSE $1::date + make_interval(secs => i * 86400.0 / $4 + 2) END, $1::date
     FROM generate_series(1, $4) i`,
    [day, systemId, workflowId, txs],
  );
  await c.query(
    `INSERT INTO events (sender_system_id, event_id, transaction_id, workflow, stage, layer, occurred_at, duration_ms,
                         site, business_key, storage_day)
     SELECT t.sender_system_id, t.external_id || '-' || k, t.id, 'shipment_confirmation',
            (ARRAY['received', 'transformed', 'published', 'acknowledged'])[k],
            (ARRAY['source_api', 'middleware', 'broker', 'target_api'])[k],
            t.first_event_at + make_interval(secs => k * 0.5), 10 * k, 'east', t.external_id, t.storage_day
     FROM transactions t CROSS JOIN generate_series(1, 4) k WHERE t.storage_day = $1::date`,
    [day],
  );
  await c.query(
    `INSERT INTO event_payloads (event_id, payload, storage_day)
     SELECT e.id, json_build_object('shipment', e.business_key, 'site', e.site,
              'lines', (SELECT json_agg(json_build_object('line', n, 'sku', 'SKU-' || ((e.id + n) % 5000), 'qty', 1 + n,
                        'uom', 'EA', 'location', 'A-' || n || '-' || (e.id % 40))) FROM generate_series(1, 5) n)),
            e.storage_day
     FROM events e WHERE e.storage_day = $1::date AND e.stage = 'received'`,
    [day],
  );
  await c.query("COMMIT");
}

interface Sample {
  at: number; // ms since start
  events: number;
  ms: number;
  ok: boolean;
}

// Sends a batch of new transactions every BATCH/RATE seconds (open loop: a slow answer
// does not slow the offered rate, up to 8 requests in flight).
function startIngest(baseUrl: string, key: string) {
  const samples: Sample[] = [];
  const t0 = performance.now();
  let n = 0;
  let inFlight = 0;
  let dropped = 0;
  const send = async () => {
    if (inFlight >= 8) {
      dropped++;
      return;
    }
    inFlight++;
    const k = n++;
    const events = Array.from({ length: BATCH }, (_, j) => ({
      id: `live-${k}-${j}`,
      transactionId: `LIVE-${k}-${Math.floor(j / 4)}`,
      workflow: "shipment_confirmation",
      stage: ["received", "transformed", "published", "acknowledged"][j % 4],
      layer: ["source_api", "middleware", "broker", "target_api"][j % 4],
      site: "east",
      occurredAt: new Date(Date.now() + (j % 4) * 100).toISOString(),
      ...(j % 4 === 0 ? { payload: { shipment: `LIVE-${k}`, lines: [{ sku: "SKU-1", qty: 3 }] } } : {}),
    }));
    const started = performance.now();
    try {
      const res = await fetch(`${baseUrl}/api/v1/events`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({ events }),
      });
      const body = (await res.json()) as { accepted?: number };
      samples.push({ at: started - t0, events: body.accepted ?? 0, ms: performance.now() - started, ok: res.ok });
    } catch {
      samples.push({ at: started - t0, events: 0, ms: performance.now() - started, ok: false });
    } finally {
      inFlight--;
    }
  };
  const timer = setInterval(() => void send(), (1000 * BATCH) / RATE);
  return {
    now: () => performance.now() - t0,
    samples,
    dropped: () => dropped,
    stop: async () => {
      clearInterval(timer);
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 50));
    },
  };
}

function phase(samples: Sample[], from: number, to: number) {
  const inside = samples.filter((s) => s.at >= from && s.at < to);
  const latencies = inside.map((s) => s.ms).sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const seconds = (to - from) / 1000;
  return {
    eventsPerSecond: inside.reduce((s, x) => s + x.events, 0) / seconds,
    p50: pct(0.5),
    p95: pct(0.95),
    max: latencies.at(-1) ?? 0,
    failed: inside.filter((s) => !s.ok).length,
  };
}

async function tableSizes(c: pg.Client): Promise<Record<string, number>> {
  const { rows } = await c.query<{ t: string; bytes: string }>(
    `SELECT t, sum(pg_total_relation_size(coalesce(tree.relid, t::regclass))) AS bytes
     FROM unnest(ARRAY['transactions', 'events', 'event_payloads']) t
     LEFT JOIN LATERAL pg_partition_tree(t::regclass) tree ON true
     GROUP BY t`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.bytes)]));
}

async function startHandlerServer(url: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/lib/handler-server.ts"], {
    env: { ...process.env, DATABASE_URL: url, INGEST_RATE_LIMIT_REQUESTS: "0", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const m = /^listening (\d+)$/.exec(line);
    if (m) return { child, baseUrl: `http://127.0.0.1:${m[1]}` };
  }
  throw new Error("the ingest server exited before listening");
}

const server = await startBenchServer(log);
let handler: ChildProcess | undefined;
const archiveDir = await fs.mkdtemp(path.join(os.tmpdir(), "crossdock-bench-archive-"));
try {
  await withClient(server.adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB}`);
  });
  const url = withDatabase(server.adminUrl, DB);
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await seedCatalogue(pool);
  const { key } = await createApiKey(pool, { systemName: "wms-east", scopes: ["ingest"], actor: "bench" });
  const ids = await c.query<{ system: number; workflow: number; today: string }>(
    `SELECT (SELECT id FROM systems WHERE name = 'wms-east') AS system,
            (SELECT id FROM workflows WHERE name = 'shipment_confirmation') AS workflow,
            ((now() AT TIME ZONE 'UTC')::date)::text AS today`,
  );
  const { system, workflow, today } = ids.rows[0]!;
  const dayOf = (k: number) => new Date(Date.parse(`${today}T00:00:00Z`) - k * 86_400_000).toISOString().slice(0, 10);

  log(`bench: generating ${DAYS} days x ${PER_DAY.toLocaleString("en-US")} events in SQL...`);
  const g0 = performance.now();
  await c.query(`SELECT ensure_storage_partitions($1::date, $2::date)`, [dayOf(DAYS), today]);
  for (let k = DAYS; k >= 1; k--) await generateDay(c, dayOf(k), system, workflow);
  await c.query("VACUUM (ANALYZE)");
  log(`bench: generated in ${((performance.now() - g0) / 1000).toFixed(0)} s`);

  // Keep the newest DAYS - EXPIRE days (today is kept as well): the oldest EXPIRE expire.
  const keep = DAYS - EXPIRE;
  await c.query(`UPDATE retention_settings SET payload_days = $1, event_days = $1`, [keep]);
  const openBefore = await c.query<{ n: string; expiring: string }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE storage_day < $1::date) AS expiring
     FROM transactions WHERE status = 'failed' AND external_id LIKE 'RET-%'`,
    [dayOf(keep)],
  );
  const sizesBefore = await tableSizes(c);

  const app = await startHandlerServer(url);
  handler = app.child;
  const ingest = startIngest(app.baseUrl, key);
  await new Promise((r) => setTimeout(r, PHASE_S * 1000));
  const during0 = ingest.now();
  const run = (await runRetention(pool, { archiveDir, daysAhead: 2 }))!;
  const during1 = ingest.now();
  await new Promise((r) => setTimeout(r, PHASE_S * 1000));
  const end = ingest.now();
  await ingest.stop();

  const sizesAfter = await tableSizes(c);
  const openAfter = await c.query<{ n: string; missing: string }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE event_count <> (SELECT count(*) FROM events e WHERE e.transaction_id = t.id)) AS missing
     FROM transactions t WHERE status = 'failed' AND external_id LIKE 'RET-%'`,
  );
  const archiveBytes = run.events.reduce((s, e) => s + (e.archive ? e.archive.events.bytes : 0), 0);
  const payloadArchiveBytes = run.payloads.reduce((s, p) => s + (p.archive?.bytes ?? 0), 0);
  const archivedEvents = run.events.reduce((s, e) => s + e.events, 0);

  log(
    "\nper day expired (ms): payloads detach / archive / drop | events detach / archive / drop / closed transactions",
  );
  for (const e of run.events) {
    const p = run.payloads.find((x) => x.day === e.day);
    const f = (n: number | undefined) => (n === undefined ? "-" : n.toFixed(0)).padStart(6);
    log(
      `  ${e.day}  ${f(p?.ms.detach)} ${f(p?.ms.archive)} ${f(p?.ms.drop)} | ${f(e.ms.detach)} ${f(e.ms.archive)} ${f(e.ms.drop)} ${f(e.ms.transactions)}` +
        `   ${e.events.toLocaleString("en-US")} events, kept ${e.keptTransactions} open transactions`,
    );
  }
  log(`\nretention run: ${(run.ms / 1000).toFixed(1)} s for ${run.events.length} days`);
  log(
    `archive: events ${mb(archiveBytes)}, payloads ${mb(payloadArchiveBytes)}; per million events: ${mb(((archiveBytes + payloadArchiveBytes) / archivedEvents) * 1e6)} (events + payloads + transactions ${mb(((archiveBytes + payloadArchiveBytes + run.events.reduce((s, e) => s + (e.archive?.transactions.bytes ?? 0), 0)) / archivedEvents) * 1e6)})`,
  );
  const before = phase(ingest.samples, 0, during0);
  const during = phase(ingest.samples, during0, during1);
  const after = phase(ingest.samples, during1, end);
  for (const [name, p] of [
    ["before", before],
    ["during", during],
    ["after", after],
  ] as const)
    log(
      `ingest ${name.padEnd(6)}: ${p.eventsPerSecond.toFixed(0).padStart(5)} events/s, batch p50 ${p.p50.toFixed(0)} ms, p95 ${p.p95.toFixed(0)} ms, max ${p.max.toFixed(0)} ms, failed ${p.failed}`,
    );
  log(
    `ingest during vs before: ${((during.eventsPerSecond / before.eventsPerSecond - 1) * 100).toFixed(1)}% (offered ${RATE}/s; batches skipped at 8 in flight: ${ingest.dropped()})`,
  );
  for (const t of ["transactions", "events", "event_payloads"])
    log(`size ${t.padEnd(15)}: ${mb(sizesBefore[t]!)} -> ${mb(sizesAfter[t]!)}`);
  const kept = openAfter.rows[0]!;
  log(
    `open work: ${openBefore.rows[0]!.n} failed transactions before (${openBefore.rows[0]!.expiring} in the expired days), ${kept.n} after, ${kept.missing} with events missing`,
  );
  await c.end();
  await pool.end();
} finally {
  handler?.kill("SIGTERM");
  await fs.rm(archiveDir, { recursive: true, force: true });
  if (!args.keep)
    await withClient(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)).catch(
      () => undefined,
    );
  await server.stop();
}
