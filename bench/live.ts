// npm run bench:live [-- --history 10000000 --minutes 10 --rate 1000 --senders 4 --batch 500 --poll-ms 2000 --keep --reuse --prepare-only --build]
//
// Dashboards under sustained ingest: a history generated in SQL (as bench:queries does),
// then `--minutes` of ingest over HTTP at `--rate` transactions/s from `--senders` loops,
// while a signed-in reader polls every dashboard route every `--poll-ms`. The app is the
// production build (`next start`) with the worker (`scripts/worker.ts`) folding the rollups.
// Prints the rate held, p50/p95 per route during the load, freshness lag (acknowledgement
// -> a dashboard answering with figures folded after it), lag in the first and last
// minute, time to catch up after the load, and CPU per process. See bench/README.md.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "@/lib/postgres/migrate";
import { createApiKey } from "@/lib/services/create-api-key";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { freshnessLags, type Reading, ROUTES, sessionCookie, startReader } from "./lib/live-reader";
import { sendTraffic } from "./lib/live-traffic";
import { loadHistory, rebuildAllRollups } from "./lib/load-history";
import { cpuSecondsBetween, machineTicks, type NextServer, sampleTrees, snapshotBuild, startNext } from "./lib/procs";
import { type BenchServer, startBenchServer, withClient, withDatabase } from "./lib/server";

const { values: args } = parseArgs({
  options: {
    history: { type: "string", default: "10000000" },
    "with-events": { type: "string", default: "1000000" },
    minutes: { type: "string", default: "10" },
    rate: { type: "string", default: "1000" },
    senders: { type: "string", default: "4" },
    batch: { type: "string", default: "500" },
    "poll-ms": { type: "string", default: "2000" },
    keep: { type: "boolean", default: false },
    // reuse crossdock_bench_live as a --keep run left it (history and all), skipping the load
    reuse: { type: "boolean", default: false },
    build: { type: "boolean", default: false },
    // load the history and stop (with --keep, for --reuse later)
    "prepare-only": { type: "boolean", default: false },
  },
});
const num = (name: keyof typeof args): number => Number(String(args[name]).replace(/_/g, ""));
const HISTORY = num("history");
const MINUTES = num("minutes");
const RATE = num("rate");
const SENDERS = num("senders");
const BATCH = num("batch");
const POLL_MS = num("poll-ms");
const DB = "crossdock_bench_live";
const RESULTS_DIR = path.join(process.cwd(), "bench", "results");
const SECRET = "bench-live-only-secret-not-for-production";
const log = (line: string): void => console.log(line);

function pct(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}
const f0 = (v: number | null): string => (v === null ? "-" : v.toFixed(0));
const f1 = (v: number | null): string => (v === null ? "-" : v.toFixed(1));

function ensureBuild(): void {
  if (!args.build && existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) return;
  log("bench: running `npx next build`...");
  const r = spawnSync("npx", ["next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
}

async function prepare(url: string, adminUrl: string): Promise<void> {
  if (args.reuse) {
    log(`bench: reusing ${DB}`);
    await migrate(url);
    return;
  }
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB}`);
  });
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await seedCatalogue(pool);
    const sender = (
      await pool.query<{ id: number }>(
        `INSERT INTO systems (name, kind) VALUES ('bench-history', 'middleware') RETURNING id`,
      )
    ).rows[0]!.id;
    await pool.query(`UPDATE sites SET created_at = now() - interval '40 days'`);
    const t = performance.now();
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await withClient(url, (c) =>
      loadHistory(c, { from: 0, to: HISTORY, now, sender, withEvents: num("with-events"), log }),
    );
    const r = await rebuildAllRollups(pool);
    await pool.query(
      `VACUUM (ANALYZE) rollup_hourly, rollup_latency, rollup_latency_daily, rollup_failures, rollup_failures_daily, unposted_shipments, rollup_invoice_cycle`,
    );
    log(
      `bench: ${HISTORY.toLocaleString("en-US")} transactions of history in ${((performance.now() - t) / 1000).toFixed(0)} s (rollups rebuilt in ${(r.ms / 1000).toFixed(0)} s)`,
    );
  } finally {
    await pool.end();
  }
}

function startWorker(url: string): { pid: number | undefined; stop(): Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return {
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

interface RouteFigures {
  route: string;
  reads: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  lagP50: number | null;
  lagP95: number | null;
}

function routeFigures(readings: Reading[], from: number, to: number, ackTimes: number[]): RouteFigures[] {
  return ROUTES.map(({ name, rollups }) => {
    const rs = readings.filter((r) => r.route === name && r.sentAt >= from && r.sentAt < to);
    const ok = rs.filter((r) => r.status === 200).map((r) => r.ms);
    const lags = rollups
      ? freshnessLags(
          ackTimes,
          readings.filter((r) => r.route === name),
        ).filter((l): l is number => l !== null)
      : [];
    return {
      route: name,
      reads: rs.length,
      errors: rs.length - ok.length,
      p50: pct(ok, 0.5),
      p95: pct(ok, 0.95),
      max: pct(ok, 1),
      lagP50: pct(lags, 0.5),
      lagP95: pct(lags, 0.95),
    };
  });
}

async function main(): Promise<void> {
  let server: BenchServer | undefined;
  let next: NextServer | undefined;
  let worker: ReturnType<typeof startWorker> | undefined;
  let appDir: string | undefined;
  let pool: pg.Pool | undefined;
  try {
    server = await startBenchServer(log);
    const url = withDatabase(server.adminUrl, DB);
    await prepare(url, server.adminUrl);
    if (args["prepare-only"]) return;
    pool = new pg.Pool({ connectionString: url, max: 2 });
    const settings = (
      await pool.query<{ v: string; sb: string }>(
        `SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb`,
      )
    ).rows[0]!;
    const size = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM transactions`)).rows[0]!.n);
    const key = await createApiKey(pool, {
      systemName: "bench-middleware",
      scopes: ["ingest"],
      actor: "bench",
      name: "bench:live",
    });
    const user = (
      await pool.query<{ id: number }>(
        `INSERT INTO users (email, role) VALUES ('bench-live@example.test', 'engineer') ON CONFLICT (email) DO UPDATE SET disabled_at = NULL RETURNING id`,
      )
    ).rows[0]!;
    const cookie = await sessionCookie(SECRET, { id: user.id, email: "bench-live@example.test" });

    ensureBuild();
    mkdirSync(RESULTS_DIR, { recursive: true });
    appDir = await fs.mkdtemp(path.join(os.tmpdir(), "crossdock-bench-live-app-"));
    const buildId = await snapshotBuild(process.cwd(), appDir);
    process.env.NEXTAUTH_SECRET = SECRET;
    process.env.NEXTAUTH_URL = "http://127.0.0.1";
    process.env.INGEST_RATE_LIMIT_REQUESTS = "0";
    next = await startNext(appDir, url, path.join(RESULTS_DIR, "live-next-start.log"), log);
    worker = startWorker(url);
    log(
      `bench: build ${buildId}; ${size.toLocaleString("en-US")} transactions before the load; PostgreSQL ${settings.v} (shared_buffers ${settings.sb}), ${os.cpus().length} CPUs`,
    );

    // Warm: every route once, then a few seconds of traffic, not measured.
    const warmReader = startReader(next.baseUrl, cookie, 500);
    await sendTraffic({
      baseUrl: next.baseUrl,
      apiKey: key.key,
      txPerSecond: 100,
      senders: 2,
      batchSize: BATCH,
      durationMs: 3_000,
    });
    await warmReader.stop();
    const warmErrors = warmReader.readings.filter((r) => r.status !== 200);
    if (warmErrors.length > 0)
      throw new Error(
        `warm-up reads failed: ${warmErrors
          .slice(0, 3)
          .map((r) => `${r.route} HTTP ${r.status}`)
          .join(", ")}`,
      );

    const scans0 = await indexScans(pool);
    const roots = {
      postgres: server.postmasterPid ?? (await postmasterOf(pool)),
      next: next.child.pid,
      worker: worker.pid,
      bench: process.pid,
    };
    const cpu0 = sampleTrees(roots);
    const m0 = machineTicks();
    const reader = startReader(next.baseUrl, cookie, POLL_MS);
    const loadStart = Date.now();
    log(
      `bench: ${MINUTES} min at ${RATE} transactions/s (${SENDERS} senders, batches of ${BATCH}); reading every route every ${POLL_MS} ms`,
    );
    const progress = setInterval(() => log(`bench: ${((Date.now() - loadStart) / 60_000).toFixed(1)} min`), 60_000);
    const traffic = await sendTraffic({
      baseUrl: next.baseUrl,
      apiKey: key.key,
      txPerSecond: RATE,
      senders: SENDERS,
      batchSize: BATCH,
      durationMs: MINUTES * 60_000,
    });
    clearInterval(progress);
    const loadEnd = Date.now();
    const cpu1 = sampleTrees(roots);
    const m1 = machineTicks();
    const scans1 = await indexScans(pool);
    const lastAck = Math.max(...traffic.acks.map((a) => a.at));
    // Caught up: a dashboard answers with figures folded after the last acknowledgement.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !reader.readings.some((r) => r.updatedAt !== null && r.updatedAt >= lastAck))
      await new Promise((r) => setTimeout(r, 100));
    await reader.stop();
    const caughtUp = reader.readings
      .filter((r) => r.updatedAt !== null && r.updatedAt >= lastAck)
      .sort((a, b) => a.at - b.at)[0];

    const ackTimes = traffic.acks.map((a) => a.at);
    const lags = freshnessLags(ackTimes, reader.readings);
    const lagOf = (from: number, to: number) =>
      lags.filter((l, i): l is number => l !== null && ackTimes[i]! >= from && ackTimes[i]! < to);
    const all = lagOf(loadStart, loadEnd + 1);
    const first = lagOf(loadStart, loadStart + 60_000);
    const last = lagOf(loadEnd - 60_000, loadEnd + 1);
    const transactions = traffic.acks.reduce((n, a) => n + a.transactions, 0);
    const seconds = (loadEnd - loadStart) / 1000;
    const cpu = Object.fromEntries(Object.keys(roots).map((k) => [k, cpuSecondsBetween(cpu0[k]!, cpu1[k]!)]));
    const machineBusy = m1.total > m0.total ? (m1.busy - m0.busy) / (m1.total - m0.total) : 0;
    const routes = routeFigures(reader.readings, loadStart, loadEnd, ackTimes);
    const requestMs = traffic.acks.map((a) => a.ms);

    log("");
    log(
      `history ${size.toLocaleString("en-US")} transactions; ${MINUTES} min at a target of ${RATE} transactions/s; PostgreSQL ${settings.v}; ${os.cpus().length} CPUs`,
    );
    log(
      `held: ${(transactions / seconds).toFixed(0)} transactions/s (${(traffic.events / seconds).toFixed(0)} events/s sent, ${traffic.accepted.toLocaleString("en-US")} accepted, ${traffic.duplicates.toLocaleString("en-US")} duplicates, ${traffic.failures.length} failed requests); ingest request p50/p95 ${f0(pct(requestMs, 0.5))}/${f0(pct(requestMs, 0.95))} ms`,
    );
    log(
      `freshness lag (ack -> a rollup route answers with figures folded after it), s: p50 ${f1(pct(all, 0.5)! / 1000)}, p95 ${f1(pct(all, 0.95)! / 1000)}, max ${f1(pct(all, 1)! / 1000)}; first minute p95 ${f1((pct(first, 0.95) ?? NaN) / 1000)}, last minute p95 ${f1((pct(last, 0.95) ?? NaN) / 1000)}`,
    );
    log(
      `caught up after the load: ${caughtUp ? `${((caughtUp.at - lastAck) / 1000).toFixed(1)} s` : "not within 60 s"}`,
    );
    log(
      `CPU seconds (share of the run's ${seconds.toFixed(0)} s, 1.0 = one core): ${Object.entries(cpu)
        .map(([k, v]) => `${k} ${v.toFixed(0)} (${(v / seconds).toFixed(2)})`)
        .join(", ")}; machine busy ${(machineBusy * 100).toFixed(0)}%`,
    );
    log("");
    log(
      table(
        ["route (during the load)", "reads", "errors", "p50 ms", "p95 ms", "max ms", "lag p50 s", "lag p95 s"],
        routes.map((r) => [
          r.route,
          String(r.reads),
          String(r.errors),
          f0(r.p50),
          f0(r.p95),
          f0(r.max),
          r.lagP50 === null ? "live" : f1(r.lagP50 / 1000),
          r.lagP95 === null ? "live" : f1(r.lagP95 / 1000),
        ]),
      ),
    );
    log(
      `\nindex scans on transactions during the load (ingest, worker, every route): ${[...scans1].map(([name, n]) => `${name.replace(/^transactions_/, "")} ${n - (scans0.get(name) ?? 0)}`).join(", ")}`,
    );
    if (traffic.failures.length > 0) log(`\nfirst failures: ${traffic.failures.slice(0, 5).join("; ")}`);
    writeFileSync(
      path.join(RESULTS_DIR, "live-latest.json"),
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          history: size,
          minutes: MINUTES,
          rate: RATE,
          senders: SENDERS,
          batch: BATCH,
          pollMs: POLL_MS,
          postgres: settings,
          held: transactions / seconds,
          eventsPerSecond: traffic.events / seconds,
          failures: traffic.failures.length,
          lagMs: {
            p50: pct(all, 0.5),
            p95: pct(all, 0.95),
            max: pct(all, 1),
            firstMinuteP95: pct(first, 0.95),
            lastMinuteP95: pct(last, 0.95),
          },
          caughtUpMs: caughtUp ? caughtUp.at - lastAck : null,
          cpuSeconds: cpu,
          machineBusy,
          routes,
        },
        null,
        2,
      )}\n`,
    );
    log(`\nbench: figures written to bench/results/live-latest.json`);
  } finally {
    await worker?.stop();
    await next?.stop();
    await pool?.end().catch(() => undefined);
    if (appDir) await fs.rm(appDir, { recursive: true, force: true });
    if (server && !args.keep)
      await withClient(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)).catch(
        () => undefined,
      );
    await server?.stop();
  }
}

async function indexScans(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ name: string; scans: string }>(
    `SELECT indexrelname AS name, idx_scan AS scans FROM pg_stat_user_indexes WHERE relname = 'transactions' ORDER BY indexrelname`,
  );
  return new Map(rows.map((r) => [r.name, Number(r.scans)]));
}

// The server of DATABASE_URL: its postmaster is the parent of our backend (same machine only).
async function postmasterOf(pool: pg.Pool): Promise<number | undefined> {
  const { rows } = await pool.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
  const stat = await fs.readFile(`/proc/${rows[0]!.pid}/stat`, "utf8").catch(() => "");
  const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
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

await main();
