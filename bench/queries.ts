// npm run bench:queries [-- --sizes 1000000,10000000 --runs 20 --keep | --measure-only]
//
// Dashboard read models at 1M and then 10M transactions: p50/p95 of each view's query
// function next to the best hand-written SQL on the raw table. Data is generated inside
// PostgreSQL; rollups are built by the app's rebuild (rollups:rebuild). See bench/README.md.
import { mkdirSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { syncFailureIssues } from "@/lib/jobs/issues/sync-failure-issues";
import { migrate } from "@/lib/postgres/migrate";
import { getFailureSignatures } from "@/lib/queries/dashboard/get-failure-signatures";
import { getKpis } from "@/lib/queries/dashboard/get-kpis";
import { getOverview } from "@/lib/queries/dashboard/get-overview";
import { getStuckGroups } from "@/lib/queries/dashboard/get-stuck-groups";
import { getUnpostedLoads } from "@/lib/queries/dashboard/get-unposted-loads";
import { getWorkflowDetail } from "@/lib/queries/dashboard/get-workflow-detail";
import { listFailureIssues } from "@/lib/queries/list-failure-issues";
import { searchTransactions } from "@/lib/queries/search-transactions";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { loadHistory, rebuildAllRollups } from "./lib/load-history";
import { rawQueries } from "./lib/raw-queries";
import { type BenchServer, startBenchServer, withClient, withDatabase } from "./lib/server";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000000,10000000" },
    runs: { type: "string", default: "20" },
    "with-events": { type: "string", default: "1000000" },
    keep: { type: "boolean", default: false },
    // measure again on a database kept by an earlier --keep run (rollups rebuilt first)
    "measure-only": { type: "boolean", default: false },
  },
});
const SIZES = args.sizes!.split(",").map((s) => Number(s.replace(/_/g, "")));
const RUNS = Number(args.runs);
const WITH_EVENTS = Number(args["with-events"]!.replace(/_/g, ""));
const DB = "crossdock_bench_queries";
const log = (line: string): void => console.log(line);

interface Figure {
  view: string;
  runs: number;
  p50: number;
  p95: number;
  rawRuns: number;
  rawP50: number | null;
  rawP95: number | null;
}

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

async function time(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm: plans, caches
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    await work();
    ms.push(performance.now() - t);
  }
  return ms;
}

async function load(c: pg.ClientBase, from: number, to: number, now: Date, sender: number): Promise<void> {
  await loadHistory(c, { from, to, now, sender, withEvents: WITH_EVENTS, log });
}

async function measure(url: string, pool: pg.Pool, now: Date, size: number): Promise<Figure[]> {
  const db = { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
  const from7d = new Date(now.getTime() - 7 * 86_400_000);
  const from24h = new Date(now.getTime() - 86_400_000);
  const last = Math.min(size, WITH_EVENTS) - 1;
  const searchKey = `SHP-${Math.floor(last / 2 / 20) * 20 + 9}`;
  const raw = rawQueries(now, from7d, from24h, searchKey);
  const views: Record<string, () => Promise<unknown>> = {
    "overview 24h": () => getOverview(db, { from: from24h, to: now }, undefined, now),
    "overview 7d": () => getOverview(db, { from: from7d, to: now }, undefined, now),
    "workflow detail 7d": () =>
      getWorkflowDetail(db, "shipment_confirmation", { from: from7d, to: now }, undefined, now),
    "stuck groups 7d": () => getStuckGroups(db, { from: from7d, to: now }, undefined, now),
    "unposted loads 7d": () => getUnpostedLoads(db, { from: from7d, to: now }, undefined, now),
    "failures 7d": () => getFailureSignatures(db, { from: from7d, to: now }),
    "KPIs 7d": () => getKpis(db, { from: from7d, to: now }),
    "search by business key": () => searchTransactions(db.prisma, searchKey),
    // Failure issues: the sync (worker, and the list when due) and the list with live figures.
    "issue sync": () => syncFailureIssues(pool),
    "issue list": () => listFailureIssues(pool),
  };
  const figures: Figure[] = [];
  await withClient(url, async (c) => {
    await c.query(`SET jit = off`);
    for (const [view, run] of Object.entries(views)) {
      const ms = await time(RUNS, run);
      const q = raw[view]!;
      // Raw aggregates over millions of rows take seconds: fewer runs once one is slow.
      await c.query(q.sql, q.params);
      const rawMs: number[] = [];
      for (let k = 0; k < (rawMs[0] !== undefined && rawMs[0] > 1000 ? 3 : RUNS); k++) {
        const t = performance.now();
        await c.query(q.sql, q.params);
        rawMs.push(performance.now() - t);
      }
      const rawRuns = rawMs.length;
      figures.push({
        view,
        runs: RUNS,
        p50: pct(ms, 0.5),
        p95: pct(ms, 0.95),
        rawRuns,
        rawP50: pct(rawMs, 0.5),
        rawP95: pct(rawMs, 0.95),
      });
      log(
        `bench: ${view}: p50 ${pct(ms, 0.5).toFixed(1)} ms, p95 ${pct(ms, 0.95).toFixed(1)} ms (raw SQL p50 ${pct(rawMs, 0.5).toFixed(0)} ms)`,
      );
    }
  });
  await db.prisma.$disconnect();
  return figures;
}

// Every loaded hour, recounted by the app's rebuild (what `rollups:rebuild` runs).
async function buildRollups(
  url: string,
  pool: pg.Pool,
  size: number,
): Promise<{ rollupSeconds: number; sizes: Record<string, string> }> {
  const r = performance.now();
  const refreshed = await rebuildAllRollups(pool);
  const rollupSeconds = (performance.now() - r) / 1000;
  await withClient(url, (c) =>
    c.query(
      `VACUUM (ANALYZE) rollup_hourly, rollup_latency, rollup_latency_daily, rollup_failures, rollup_failures_daily, unposted_shipments`,
    ),
  );
  log(
    `bench: ${size.toLocaleString("en-US")} transactions: rollups for ${refreshed.hours} hours built in ${rollupSeconds.toFixed(1)} s`,
  );
  const { rows } = await pool.query<{ name: string; size: string }>(
    `SELECT relname AS name, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class
     WHERE relname IN ('transactions', 'events', 'event_payloads', 'rollup_hourly', 'rollup_latency', 'rollup_latency_daily',
                       'rollup_failures', 'rollup_failures_daily', 'unposted_shipments') ORDER BY relname`,
  );
  return { rollupSeconds, sizes: Object.fromEntries(rows.map((x) => [x.name, x.size])) };
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

async function main(): Promise<void> {
  let server: BenchServer | undefined;
  let pool: pg.Pool | undefined;
  try {
    server = await startBenchServer(log);
    log(
      `bench: ${server.embedded ? `embedded PostgreSQL on port ${server.embedded.port}` : "the server of DATABASE_URL"}`,
    );
    const url = withDatabase(server.adminUrl, DB);
    const results: {
      size: number;
      loadSeconds: number | null;
      rollupSeconds: number;
      sizes: Record<string, string>;
      figures: Figure[];
    }[] = [];
    if (args["measure-only"]) {
      pool = new pg.Pool({ connectionString: url, max: 6 });
      // Transaction 0 started at the generation's "now".
      const { rows } = await pool.query<{ now: Date; n: string }>(
        `SELECT max(first_event_at) AS now, count(*) AS n FROM transactions`,
      );
      const now = rows[0]!.now;
      const size = Number(rows[0]!.n);
      results.push({
        size,
        loadSeconds: null,
        ...(await buildRollups(url, pool, size)),
        figures: await measure(url, pool, now, size),
      });
    } else {
      await withClient(server.adminUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${DB}`);
      });
      await migrate(url);
      pool = new pg.Pool({ connectionString: url, max: 6 });
      await seedCatalogue(pool);
      const sender = (
        await pool.query<{ id: number }>(
          `INSERT INTO systems (name, kind) VALUES ('bench-middleware', 'middleware') RETURNING id`,
        )
      ).rows[0]!.id;
      // Registered before the history starts, so time-to-onboard is positive.
      await pool.query(`UPDATE sites SET created_at = now() - interval '40 days'`);
      const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      let loaded = 0;
      for (const size of SIZES) {
        const t = performance.now();
        await withClient(url, (c) => load(c, loaded, size, now, sender));
        const loadSeconds = (performance.now() - t) / 1000;
        const rollups = await buildRollups(url, pool, size);
        log(`bench: ${size.toLocaleString("en-US")} transactions loaded in ${loadSeconds.toFixed(0)} s`);
        loaded = size;
        results.push({ size, loadSeconds, ...rollups, figures: await measure(url, pool, now, size) });
      }
    }
    const server_ = await pool.query<{ v: string; sb: string }>(
      `SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb`,
    );
    log("");
    log(
      `PostgreSQL ${server_.rows[0]!.v} (shared_buffers ${server_.rows[0]!.sb}); ${os.cpus().length} CPUs; ${RUNS} runs per view`,
    );
    for (const r of results) {
      log(
        `\n${r.size.toLocaleString("en-US")} transactions (load ${r.loadSeconds === null ? "-" : r.loadSeconds.toFixed(0)} s, rollup build ${r.rollupSeconds.toFixed(1)} s; ${Object.entries(
          r.sizes,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")})`,
      );
      log(
        table(
          ["view", "p50 ms", "p95 ms", "raw SQL p50 ms", "raw SQL p95 ms", "raw runs"],
          r.figures.map((f) => [
            f.view,
            f.p50.toFixed(1),
            f.p95.toFixed(1),
            f.rawP50?.toFixed(1) ?? "-",
            f.rawP95?.toFixed(1) ?? "-",
            String(f.rawRuns),
          ]),
        ),
      );
    }
    const dir = path.join(process.cwd(), "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "queries-latest.json"),
      `${JSON.stringify({ at: new Date().toISOString(), runs: RUNS, postgres: server_.rows[0], results }, null, 2)}\n`,
    );
    log(`\nbench: figures written to bench/results/queries-latest.json`);
  } finally {
    await pool?.end().catch(() => undefined);
    if (server && !args.keep && !args["measure-only"]) {
      await withClient(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)).catch(
        () => undefined,
      );
    }
    await server?.stop();
  }
}

await main();
