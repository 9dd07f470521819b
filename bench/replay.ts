// npm run bench:replay [-- --transactions 10000 --batch 250 --lanes 4 --keep]
//
// Bulk replay throughput: N failed transactions (stored through the ingest code path)
// replayed in one bulk to a local target that answers at once and counts deliveries per
// Idempotency-Key. Prints replays/s (request to "done") and the duplicate deliveries,
// which must be 0. See bench/README.md.
import { parseArgs } from "node:util";
import type { Actor } from "@/lib/auth/actor";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { ALL_SITES } from "@/lib/auth/site-scope";
import { closeDatabases, getDatabase } from "@/lib/db";
import { ingestNative } from "@/lib/ingest/ingest-native";
import { replaySettings } from "@/lib/jobs/replay/replay-settings";
import { startReplayWorker } from "@/lib/jobs/replay/start-replay-worker";
import { migrate } from "@/lib/postgres/migrate";
import { getBulkReplay } from "@/lib/queries/get-bulk-replay";
import { bulkFilterSchema, requestBulkReplay } from "@/lib/services/replay/bulk-replay";
import { startCountingEndpoint } from "./lib/counting-endpoint";
import { startBenchServer, withClient, withDatabase } from "./lib/server";

const { values: args } = parseArgs({
  options: {
    transactions: { type: "string", default: "10000" },
    batch: { type: "string", default: "250" },
    lanes: { type: "string", default: "4" },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(args.transactions);
const DB = "crossdock_bench_replay";
const log = (line: string) => console.log(line);
const admin: Actor = {
  userId: 0,
  email: "bench@crossdock.local",
  name: null,
  role: "admin",
  scope: ALL_SITES,
  permissions: ROLE_PERMISSIONS.admin,
};

const server = await startBenchServer(log);
const target = await startCountingEndpoint();
let exitCode = 0;
try {
  await withClient(server.adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB}`);
  });
  const url = withDatabase(server.adminUrl, DB);
  await migrate(url);
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE ??= "20";
  const db = getDatabase(url);

  // The target: fast enough that Crossdock is what is measured (limits far above the goal).
  await db.pool.query(
    `INSERT INTO systems (name, kind, replay_endpoint, replay_timeout_ms, replay_concurrency, replay_rate_per_second) VALUES ('erp-bench', 'erp', $1, 5000, 256, 100000)`,
    [`${target.url}/replay`],
  );
  const sender = (
    await db.pool.query<{ id: number }>(
      "INSERT INTO systems (name, kind) VALUES ('middleware-bench', 'middleware') RETURNING id",
    )
  ).rows[0]!.id;
  const caller = {
    keyId: 0,
    prefix: "",
    systemId: sender,
    systemName: "middleware-bench",
    scopes: ["ingest" as const],
    scope: ALL_SITES,
  };

  let t = Date.now();
  const at = new Date(Date.now() - 3_600_000).toISOString();
  for (let i = 0; i < N; i += 1000) {
    const events = Array.from({ length: Math.min(1000, N - i) }, (_, k) => ({
      id: `B-${i + k}-f`,
      transactionId: `B-${i + k}`,
      workflow: "invoice_posting",
      stage: "failed",
      layer: "target_api",
      occurredAt: at,
      target: "erp-bench",
      site: "east",
      businessKey: `L-${i + k}`,
      value: { amount: 1250.5, currency: k % 3 ? "USD" : "EUR" },
      payload: { load: `L-${i + k}`, lines: [{ sku: "SKU-1", qty: 3 }] },
      error: { code: "PERIOD_CLOSED", message: "Posting period closed", retryable: false },
    }));
    const report = await ingestNative(db.pool, caller, { events }, { maxEvents: 1000, maxPayloadBytes: 256 * 1024 });
    if (report.body.accepted !== events.length)
      throw new Error(`ingest accepted ${report.body.accepted} of ${events.length}`);
  }
  log(
    `stored ${N.toLocaleString("en-US")} failed transactions through ingest in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );

  const settings = replaySettings({
    ...process.env,
    REPLAY_BATCH_SIZE: args.batch,
    REPLAY_LANES: args.lanes,
    REPLAY_SWEEP_MS: "2000",
  });
  const worker = await startReplayWorker(db.pool, settings);
  t = Date.now();
  const { bulkId, total } = await requestBulkReplay(db, admin, {
    filter: bulkFilterSchema.parse({ workflow: "invoice_posting" }),
    reason: "bench",
    force: false,
  });
  let progress = await getBulkReplay(db.pool, bulkId, 0);
  while (progress?.status === "running") {
    await new Promise((r) => setTimeout(r, 50));
    progress = await getBulkReplay(db.pool, bulkId, 0);
  }
  const seconds = (Date.now() - t) / 1000;
  await worker.stop();
  // Re-sends of the same replay (no answer within the timeout): same key, so an idempotent
  // target takes them as duplicates; here they would show up as duplicate deliveries.
  const resent = (
    await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM replays WHERE bulk_id = $1 AND attempts > 1", [
      bulkId,
    ])
  ).rows[0]!.n;

  const duplicates = [...target.deliveries.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  const accepted = progress?.counts.accepted ?? 0;
  log(
    `bulk of ${total.toLocaleString("en-US")}: ${accepted.toLocaleString("en-US")} accepted in ${seconds.toFixed(2)} s`,
  );
  log(
    `replays/s: ${Math.round(accepted / seconds)}   (batch ${settings.REPLAY_BATCH_SIZE}, lanes ${settings.REPLAY_LANES})`,
  );
  log(
    `first delivery after ${((target.firstAt - t) / 1000).toFixed(2)} s, last after ${((target.lastAt - t) / 1000).toFixed(2)} s`,
  );
  log(
    `deliveries: ${[...target.deliveries.values()].reduce((a, b) => a + b, 0)}, distinct keys: ${target.deliveries.size}, duplicates: ${duplicates}, re-sent after a timeout: ${resent}`,
  );
  if (duplicates !== 0 || accepted !== N || target.deliveries.size !== N) {
    log("FAIL: every transaction must be delivered exactly once");
    exitCode = 1;
  }
} finally {
  await closeDatabases();
  if (!args.keep)
    await withClient(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)).catch(
      () => undefined,
    );
  await target.close();
  await server.stop();
}
process.exit(exitCode);
