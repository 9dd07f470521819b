// npm run bench:ingest [-- --events N --clients N --batch N --order direct-first|app-first --keep --build --cpu-prof]
//
// Ingest throughput of the app (next start, POST /api/v1/events over HTTP) against the
// floor (the same batches inserted straight into PostgreSQL with node-postgres), on the
// same server, same table shapes, same workload. See bench/README.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { type EmbeddedServer, startEmbeddedPostgres } from "@/lib/postgres/embedded-postgres";
import { migrate } from "@/lib/postgres/migrate";
import { createApiKey } from "@/lib/services/create-api-key";
import { sampleActivity } from "./lib/activity";
import { runApp } from "./lib/app-client";
import { insertBatchDirect, lockFreeBatches, openDirectClients, prepareDirect, runDirect } from "./lib/direct";
import { cpuSecondsBetween, machineTicks, type NextServer, sampleTrees, snapshotBuild, startNext } from "./lib/procs";
import { withClient, withDatabase } from "./lib/server";
import { generateWorkload, type Workload } from "./lib/workload";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "200000" },
    clients: { type: "string", default: "4" },
    batch: { type: "string", default: "500" },
    order: { type: "string", default: "direct-first" },
    // connections of the lock-free floor (docs/performance.md's idempotent-insert floor used 2)
    "floor-clients": { type: "string", default: "2" },
    keep: { type: "boolean", default: false },
    build: { type: "boolean", default: false },
    // V8 CPU profile of the app server (written to bench/results/cpuprof/ when it stops)
    "cpu-prof": { type: "boolean", default: false },
  },
});
const EVENTS = positiveInt("events", args.events!);
const CLIENTS = positiveInt("clients", args.clients!);
const BATCH = positiveInt("batch", args.batch!);
const ORDER = args.order === "app-first" ? "app-first" : "direct-first";
const APP_DB = "crossdock_bench_app";
const DIRECT_DB = "crossdock_bench_direct";
const FLOOR_DB = "crossdock_bench_floor";
const FLOOR_CLIENTS = positiveInt("floor-clients", args["floor-clients"]!);
const RESULTS_DIR = path.join(process.cwd(), "bench", "results");
const WARMUP_PREFIX = "warm";

function positiveInt(name: string, raw: string): number {
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got ${raw})`);
  return n;
}

const log = (line: string): void => console.log(line);

// ---------------------------------------------------------------------------------------
// Lifetime: everything we start is stopped on exit, also on Ctrl-C.

let embedded: EmbeddedServer | undefined;
let tempDir: string | undefined;
let appSnapshotDir: string | undefined;
let next: NextServer | undefined;
let adminUrl: string | undefined;
let appPool: pg.Pool | undefined;
let databasesCreated = false;
let cleaning: Promise<void> | undefined;
let interrupted = false;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await appPool?.end().catch(() => undefined);
    await next?.stop().catch(() => undefined);
    if (appSnapshotDir) await fs.rm(appSnapshotDir, { recursive: true, force: true }).catch(() => undefined);
    // Interrupted with an embedded server: Ctrl-C reached it too, and its folder goes anyway.
    const drop = databasesCreated && !args.keep && adminUrl !== undefined && !(interrupted && embedded);
    if (drop)
      await dropDatabases(adminUrl!).catch((e) => log(`bench: could not drop the bench databases: ${String(e)}`));
    await embedded?.stop().catch(() => undefined);
    if (tempDir && !args.keep) await fs.rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
    else if (tempDir)
      log(
        `bench: --keep: embedded cluster left in ${tempDir} (stopped; password in ${path.join(tempDir, "postgres.password")})`,
      );
  })();
  return cleaning;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`\nbench: ${signal}, cleaning up...`);
    void cleanup().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}
// While interrupted, in-flight work fails as the servers go away: that is expected.
process.on("uncaughtException", (error) => {
  if (interrupted) return;
  console.error(`bench: ${error.stack ?? String(error)}`);
  interrupted = true;
  void cleanup().finally(() => process.exit(1));
});
process.on("unhandledRejection", (reason) => {
  if (interrupted) return;
  console.error(
    `bench: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  );
});

// ---------------------------------------------------------------------------------------

async function dropDatabases(url: string): Promise<void> {
  await withClient(url, async (c) => {
    for (const db of [APP_DB, DIRECT_DB, FLOOR_DB])
      await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(db)} WITH (FORCE)`);
  });
}

// Not timed: vacuum what a phase wrote, so its autovacuum does not run during the next phase.
async function settle(url: string): Promise<void> {
  await withClient(url, (c) => c.query("VACUUM (ANALYZE)")).catch(
    (e) => interrupted || log(`bench: VACUUM failed (${String(e)}); continuing`),
  );
}

async function checkpoint(url: string): Promise<void> {
  await withClient(url, (c) => c.query("CHECKPOINT")).catch(
    (e) => interrupted || log(`bench: CHECKPOINT failed (${String(e)}); continuing`),
  );
}

function filesNewerThan(dirs: string[], time: number): string[] {
  const newer: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(p);
      } else if (statSync(p).mtimeMs > time) newer.push(p);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return newer;
}

function ensureBuild(): void {
  const buildId = path.join(process.cwd(), ".next", "BUILD_ID");
  if (args.build || !existsSync(buildId)) {
    log(
      args.build
        ? "bench: --build: running `npx next build`..."
        : "bench: no production build (.next/BUILD_ID is missing): running `npx next build` first...",
    );
    const r = spawnSync("npx", ["next", "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
    return;
  }
  const built = statSync(buildId).mtimeMs;
  const newer = filesNewerThan(["lib", "app"], built);
  if (newer.length > 0) {
    const list = newer.slice(0, 6).join(", ") + (newer.length > 6 ? `, ... (${newer.length} files)` : "");
    log(
      `bench: note: changed after the production build of ${new Date(built).toISOString()}: ${list}; pass --build to measure the current code`,
    );
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface PhaseFigures {
  path: "direct" | "lock-free floor" | "app";
  events: number;
  stored: number;
  duplicates: number;
  seconds: number;
  eventsPerSecond: number;
  batchLatencyMs: { p50: number; p95: number; max: number };
  cpuSeconds: Record<string, number>;
  machineBusyPercent: number;
  /** pg_stat_activity samples of this path's database: share of busy-backend samples per state. */
  backendStates: Record<string, number>;
}

async function measure<T extends { seconds: number }>(
  run: () => Promise<T>,
  roots: Record<string, number | undefined>,
  database: string,
): Promise<{
  result: T;
  cpuSeconds: Record<string, number>;
  machineBusyPercent: number;
  backendStates: Record<string, number>;
}> {
  const sampler = await sampleActivity(adminUrl!, database);
  const before = sampleTrees(roots);
  const selfBefore = process.cpuUsage();
  const m0 = machineTicks();
  const result = await run();
  const m1 = machineTicks();
  const self = process.cpuUsage(selfBefore);
  const after = sampleTrees(roots);
  const cpuSeconds: Record<string, number> = { bench: (self.user + self.system) / 1e6 };
  for (const label of Object.keys(roots)) cpuSeconds[label] = cpuSecondsBetween(before[label]!, after[label]!);
  const machineBusyPercent = m1.total > m0.total ? (100 * (m1.busy - m0.busy)) / (m1.total - m0.total) : 0;
  // Everything else running on the machine meanwhile (other users' builds, dev servers...).
  const ours = Object.values(cpuSeconds).reduce((a, b) => a + b, 0);
  cpuSeconds.other = Math.max(0, (m1.busy - m0.busy) / 100 - ours);
  const backendStates = await sampler.stop();
  return { result, cpuSeconds, machineBusyPercent, backendStates };
}

async function main(): Promise<number> {
  const failures: string[] = [];
  log(`bench: ingest, ${EVENTS} events, batches of ${BATCH}, ${CLIENTS} concurrent clients, order ${ORDER}`);

  // 1. Workload, generated up front.
  let t = performance.now();
  const wl = generateWorkload({ events: EVENTS, batchSize: BATCH });
  const warm = generateWorkload({
    events: Math.min(2_000, EVENTS),
    batchSize: BATCH,
    idPrefix: WARMUP_PREFIX,
    seed: 7,
    duplicateShare: 0,
  });
  log(
    `bench: workload in ${((performance.now() - t) / 1000).toFixed(1)} s: ${wl.stream.length} events (${wl.uniqueEvents} unique, ${wl.duplicates} re-sent copies, ` +
      `${wl.intraBatchDuplicates} of them in the same batch as their original), ${wl.transactions} transactions (${wl.failedTransactions} ending in failed), ` +
      `${wl.batches.length} batches; avg payload ${wl.avgPayloadBytes} B, avg event ${wl.avgEventBytes} B`,
  );
  t = performance.now();
  const bodies = wl.batches.map((b) => ({ json: JSON.stringify({ events: b.map((e) => e.wire) }), events: b.length }));
  const warmBodies = warm.batches.map((b) => ({
    json: JSON.stringify({ events: b.map((e) => e.wire) }),
    events: b.length,
  }));
  const bodyBytes = bodies.reduce((n, b) => n + Buffer.byteLength(b.json), 0);
  log(
    `bench: request bodies serialized in ${((performance.now() - t) / 1000).toFixed(1)} s (avg ${Math.round(bodyBytes / bodies.length / 1024)} KiB per request)`,
  );

  // 2. Database server and the two databases.
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    log(`bench: using the server of DATABASE_URL`);
  } else {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), "crossdock-bench-"));
    await fs.chmod(tempDir, 0o755); // reachable by the postgres user when we are root
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "pg"), port: 0, database: "postgres", log });
    adminUrl = embedded.url;
    log(`bench: embedded PostgreSQL on port ${embedded.port} (data: ${embedded.dataDir})`);
  }
  const server = await withClient(adminUrl, async (c) => {
    await dropDatabases(adminUrl!);
    databasesCreated = true;
    for (const db of [APP_DB, DIRECT_DB, FLOOR_DB]) await c.query(`CREATE DATABASE ${pg.escapeIdentifier(db)}`);
    const { rows } = await c.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings
       WHERE name IN ('server_version', 'shared_buffers', 'max_wal_size', 'synchronous_commit', 'fsync', 'jit', 'max_connections')`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  });
  const appUrl = withDatabase(adminUrl, APP_DB);
  const directUrl = withDatabase(adminUrl, DIRECT_DB);
  await migrate(appUrl);
  await migrate(directUrl);
  const floorUrl = withDatabase(adminUrl, FLOOR_DB);
  await migrate(floorUrl);
  // The floors write the raw tables only: keeping the dashboards' rollups is the app's work.
  for (const url of [directUrl, floorUrl])
    await withClient(url, (c) => c.query(`ALTER TABLE transactions DISABLE TRIGGER USER`));
  log(
    `bench: created and migrated ${APP_DB} and ${DIRECT_DB}; PostgreSQL ${server.server_version}, shared_buffers ${server.shared_buffers}, max_wal_size ${server.max_wal_size}`,
  );

  // 3. The app.
  mkdirSync(RESULTS_DIR, { recursive: true });
  ensureBuild();
  appSnapshotDir = await fs.mkdtemp(path.join(os.tmpdir(), "crossdock-bench-app-"));
  const buildId = await snapshotBuild(process.cwd(), appSnapshotDir);
  log(
    `bench: serving a private copy of the production build ${buildId} (built ${statSync(".next/BUILD_ID").mtime.toISOString()})`,
  );
  const profDir = path.join(RESULTS_DIR, "cpuprof");
  if (args["cpu-prof"]) await fs.rm(profDir, { recursive: true, force: true });
  next = await startNext(
    appSnapshotDir,
    appUrl,
    path.join(RESULTS_DIR, "next-start.log"),
    log,
    args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [],
  );
  appPool = new pg.Pool({ connectionString: appUrl, max: 2 });
  appPool.on("error", () => undefined);
  const key = await createApiKey(appPool, {
    systemName: "bench-middleware",
    scopes: ["ingest"],
    actor: "bench",
    name: "bench:ingest",
  });

  const cat = await prepareDirect(
    directUrl,
    [...new Set([...wl.workflows, ...warm.workflows])],
    [...new Set([...wl.sites, ...warm.sites])],
  );
  const floorCat = await prepareDirect(
    floorUrl,
    [...new Set([...wl.workflows, ...warm.workflows])],
    [...new Set([...wl.sites, ...warm.sites])],
  );
  const floorBatches = lockFreeBatches(wl.stream, BATCH);

  // 4. Warm-up, not timed: the warm-up batches through each path (distinct ids).
  await withClient(directUrl, async (c) => {
    for (const b of warm.batches) await insertBatchDirect(c, cat, b);
  });
  await withClient(floorUrl, async (c) => {
    for (const b of warm.batches) await insertBatchDirect(c, floorCat, b);
  });
  const warmApp = await runApp(next.baseUrl, key.key, warmBodies, CLIENTS);
  if (warmApp.failures.length > 0)
    throw new Error(`warm-up through the app failed: ${warmApp.failures.slice(0, 3).join("; ")}`);
  const serverErrors: string[] = warmApp.retried.map((r) => `warm-up ${r}`);
  log(`bench: warm-up done (${warm.stream.length} events through each path)`);

  const pgPid = embedded ? await postmasterPid(embedded.dataDir) : undefined;
  const roots = { postgres: pgPid, next: next.child.pid };
  const phases: PhaseFigures[] = [];
  let directTimings: Record<string, number> | undefined;

  const runDirectPhase = async (): Promise<void> => {
    await checkpoint(adminUrl!);
    log(`bench: direct path...`);
    // Connections opened before the CPU sample, closed after it, so their backends count.
    const conns = await openDirectClients(directUrl, CLIENTS);
    const m = await measure(() => runDirect(conns, cat, wl.batches), roots, DIRECT_DB).finally(() =>
      Promise.all(conns.map((c) => c.end().catch(() => undefined))),
    );
    const r = m.result;
    if (r.inserted !== wl.uniqueEvents)
      failures.push(`direct: inserted ${r.inserted} events, expected ${wl.uniqueEvents}`);
    if (r.deadlockRetries > 0) log(`bench: direct path retried ${r.deadlockRetries} batches after deadlocks`);
    await settle(directUrl);
    phases.push(figures("direct", r.inserted, r.duplicates, r.seconds, r.latenciesMs, m));
    directTimings = { ...r.timings };
  };
  const runFloorPhase = async (): Promise<void> => {
    await checkpoint(adminUrl!);
    log(`bench: direct path without lock waits (${FLOOR_CLIENTS} connections)...`);
    const conns = await openDirectClients(floorUrl, FLOOR_CLIENTS);
    const m = await measure(() => runDirect(conns, floorCat, floorBatches), roots, FLOOR_DB).finally(() =>
      Promise.all(conns.map((c) => c.end().catch(() => undefined))),
    );
    const r = m.result;
    if (r.inserted !== wl.uniqueEvents)
      failures.push(`lock-free floor: inserted ${r.inserted} events, expected ${wl.uniqueEvents}`);
    await settle(floorUrl);
    phases.push(figures("lock-free floor", r.inserted, r.duplicates, r.seconds, r.latenciesMs, m));
  };
  const runAppPhase = async (): Promise<void> => {
    await checkpoint(adminUrl!);
    log(`bench: app path...`);
    const m = await measure(() => runApp(next!.baseUrl, key.key, bodies, CLIENTS), roots, APP_DB);
    const r = m.result;
    for (const f of r.failures.slice(0, 10)) failures.push(`app: ${f}`);
    if (r.failures.length > 10) failures.push(`app: ... and ${r.failures.length - 10} more failed batches`);
    if (r.accepted + r.duplicates !== wl.stream.length)
      failures.push(`app: accepted ${r.accepted} + duplicates ${r.duplicates} != ${wl.stream.length} events sent`);
    if (r.rejected !== 0) failures.push(`app: ${r.rejected} events rejected`);
    if (r.accepted !== wl.uniqueEvents)
      failures.push(`app: accepted ${r.accepted}, expected ${wl.uniqueEvents} unique events`);
    serverErrors.push(...r.retried);
    await settle(appUrl);
    phases.push(figures("app", r.accepted, r.duplicates, r.seconds, r.latenciesMs, m));
  };
  if (ORDER === "direct-first") {
    await runDirectPhase();
    await runFloorPhase();
    await runAppPhase();
  } else {
    await runAppPhase();
    await runFloorPhase();
    await runDirectPhase();
  }

  // 5. Verification in the databases.
  const verification = {
    app: await verifyDb(appUrl, wl, true, failures),
    direct: await verifyDb(directUrl, wl, false, failures),
    floor: await verifyDb(floorUrl, wl, false, failures, "lock-free floor"),
  };

  // 6. Figures.
  const direct = phases.find((p) => p.path === "direct")!;
  const app = phases.find((p) => p.path === "app")!;
  const ratio = app.eventsPerSecond / direct.eventsPerSecond;
  const floor = phases.find((p) => p.path === "lock-free floor")!;
  const floorRatio = app.eventsPerSecond / floor.eventsPerSecond;
  const cpus = os.cpus();
  log("");
  log(
    `PostgreSQL ${server.server_version} (${embedded ? "embedded" : "DATABASE_URL"}; shared_buffers ${server.shared_buffers}, max_wal_size ${server.max_wal_size}, synchronous_commit ${server.synchronous_commit})`,
  );
  log(
    `CPUs: ${cpus.length} x ${cpus[0]?.model ?? "?"}; Node ${process.version}; ${CLIENTS} clients, batches of ${BATCH}, order ${ORDER}`,
  );
  log("");
  log(
    table(
      [
        "path",
        "events",
        "stored",
        "seconds",
        "events/s",
        "batch p50 ms",
        "batch p95 ms",
        "machine busy",
        "CPU s: bench / next / postgres / other",
      ],
      phases.map((p) => [
        p.path,
        String(p.events),
        String(p.stored),
        p.seconds.toFixed(2),
        Math.round(p.eventsPerSecond).toLocaleString("en-US"),
        p.batchLatencyMs.p50.toFixed(0),
        p.batchLatencyMs.p95.toFixed(0),
        `${p.machineBusyPercent.toFixed(0)}%`,
        `${p.cpuSeconds.bench!.toFixed(1)} / ${(p.cpuSeconds.next ?? 0).toFixed(1)} / ${pgPid ? p.cpuSeconds.postgres!.toFixed(1) : "n/a"} / ${p.cpuSeconds.other!.toFixed(1)}`,
      ]),
    ),
  );
  log("");
  log(
    `app / direct: ${(ratio * 100).toFixed(1)}%; app / lock-free floor (${FLOOR_CLIENTS} connections): ${(floorRatio * 100).toFixed(1)}%`,
  );
  for (const p of phases) {
    const perEvent = (s: number | undefined): string => (s === undefined ? "n/a" : ((s * 1e6) / p.events).toFixed(0));
    log(
      `  ${p.path}: CPU-us per event sent: bench ${perEvent(p.cpuSeconds.bench)}, next ${p.path === "app" ? perEvent(p.cpuSeconds.next) : "-"}, postgres ${pgPid ? perEvent(p.cpuSeconds.postgres) : "n/a"}`,
    );
  }

  for (const p of phases) {
    const states = Object.entries(p.backendStates).filter(([k]) => !k.startsWith("("));
    const avg = p.backendStates["(average busy backends)"] ?? 0;
    log(
      `  ${p.path}: PostgreSQL backends (avg ${avg.toFixed(1)} busy): ${states
        .slice(0, 5)
        .map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`)
        .join(", ")}`,
    );
  }
  if (directTimings) {
    const sum = Object.values(directTimings).reduce((a, b) => a + b, 0);
    const parts = Object.entries(directTimings).map(([k, v]) => `${k} ${((100 * v) / sum).toFixed(0)}%`);
    log(`  direct: connection time per step (incl. lock waits): ${parts.join(", ")}`);
  }

  const out = {
    at: new Date().toISOString(),
    options: { events: EVENTS, clients: CLIENTS, batch: BATCH, order: ORDER },
    buildId,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? null,
      node: process.version,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    postgres: { ...server, embedded: Boolean(embedded) },
    workload: {
      events: wl.stream.length,
      unique: wl.uniqueEvents,
      duplicates: wl.duplicates,
      intraBatchDuplicates: wl.intraBatchDuplicates,
      transactions: wl.transactions,
      failedTransactions: wl.failedTransactions,
      expectedStatus: wl.expectedStatus,
      batches: wl.batches.length,
      avgPayloadBytes: wl.avgPayloadBytes,
      avgEventBytes: wl.avgEventBytes,
      avgRequestBytes: Math.round(bodyBytes / bodies.length),
    },
    results: phases,
    ratioAppToDirect: ratio,
    ratioAppToLockFreeFloor: floorRatio,
    directStepMs: directTimings,
    verification,
    failures,
    appServerErrorsRetried: serverErrors,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, "ingest-latest.json"), `${JSON.stringify(out, null, 2)}\n`);
  log(`\nbench: figures written to bench/results/ingest-latest.json`);

  if (serverErrors.length > 0) {
    const serverLog = await fs.readFile(path.join(RESULTS_DIR, "next-start.log"), "utf8").catch(() => "");
    const codes = [...serverLog.matchAll(/code: '([0-9A-Z]{5})'/g)].map((m) => m[1]!);
    const byCode = Object.entries(Object.fromEntries(codes.map((c) => [c, codes.filter((x) => x === c).length])));
    log(
      `\nbench: WARNING: the app answered 5xx to ${serverErrors.length} request(s), which were re-sent; SQLSTATEs in bench/results/next-start.log: ${byCode.map(([c, n]) => `${c} x${n}`).join(", ") || "none"}`,
    );
    for (const e of serverErrors.slice(0, 5)) log(`  - ${e}`);
  }
  if (failures.length > 0) {
    log(`\nbench: VERIFICATION FAILED:`);
    for (const f of failures) log(`  - ${f}`);
    return 1;
  }
  log(`bench: verification passed (responses, stored events, payloads, transactions, derived statuses)`);
  return 0;
}

function figures(
  which: PhaseFigures["path"],
  stored: number,
  duplicates: number,
  seconds: number,
  latencies: number[],
  m: { cpuSeconds: Record<string, number>; machineBusyPercent: number; backendStates: Record<string, number> },
): PhaseFigures {
  const events = stored + duplicates;
  return {
    path: which,
    events,
    stored,
    duplicates,
    seconds,
    eventsPerSecond: events / seconds,
    batchLatencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: percentile(latencies, 100) },
    cpuSeconds: m.cpuSeconds,
    machineBusyPercent: m.machineBusyPercent,
    backendStates: m.backendStates,
  };
}

async function verifyDb(
  url: string,
  wl: Workload,
  checkStatus: boolean,
  failures: string[],
  label = checkStatus ? "app" : "direct",
): Promise<Record<string, unknown>> {
  return withClient(url, async (c) => {
    const notWarm = `NOT LIKE '${WARMUP_PREFIX}-%'`;
    const one = async (sql: string): Promise<number> => Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
    const events = await one(`SELECT count(*) AS n FROM events WHERE event_id ${notWarm}`);
    const payloads = await one(
      `SELECT count(*) AS n FROM event_payloads p JOIN events e ON e.id = p.event_id WHERE e.event_id ${notWarm}`,
    );
    const transactions = await one(`SELECT count(*) AS n FROM transactions WHERE external_id ${notWarm}`);
    if (events !== wl.uniqueEvents)
      failures.push(`${label} DB: ${events} stored events, expected ${wl.uniqueEvents} unique events`);
    if (payloads !== wl.uniqueEvents)
      failures.push(`${label} DB: ${payloads} stored payloads, expected ${wl.uniqueEvents}`);
    if (transactions !== wl.transactions)
      failures.push(`${label} DB: ${transactions} transactions, expected ${wl.transactions}`);
    const result: Record<string, unknown> = { events, payloads, transactions };
    if (checkStatus) {
      const eventCount = await one(
        `SELECT coalesce(sum(event_count), 0) AS n FROM transactions WHERE external_id ${notWarm}`,
      );
      if (eventCount !== wl.uniqueEvents)
        failures.push(`${label} DB: transactions.event_count sums to ${eventCount}, expected ${wl.uniqueEvents}`);
      const { rows } = await c.query<{ status: string; n: string }>(
        `SELECT status, count(*) AS n FROM transactions WHERE external_id ${notWarm} GROUP BY status`,
      );
      const status = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      for (const s of new Set([...Object.keys(status), ...Object.keys(wl.expectedStatus)])) {
        if ((status[s] ?? 0) !== (wl.expectedStatus[s] ?? 0)) {
          failures.push(
            `${label} DB: ${status[s] ?? 0} transactions with status ${s}, expected ${wl.expectedStatus[s] ?? 0}`,
          );
        }
      }
      Object.assign(result, { eventCountSum: eventCount, status });
    }
    return result;
  });
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => "");
  const pid = Number.parseInt(text.split("\n")[0] ?? "", 10);
  return Number.isInteger(pid) ? pid : undefined;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (interrupted) await new Promise(() => undefined); // the signal handler finishes and exits
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
