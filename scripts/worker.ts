// npm run worker - the background worker: delivers replays and bulk replays from the
// PostgreSQL-backed queue (lib/jobs) and keeps the dashboards' rollups fresh (recounts the
// hours ingest marked dirty every 5 s, so dashboard reads rarely pay for it). Run one or
// more next to the app; `npm start` and `npm run demo` start one. Needs DATABASE_URL and CROSSDOCK_SECRET_KEY (when replay
// endpoints have an auth header).
import pg from "pg";
import { startReplayWorker } from "@/lib/jobs/start-worker";
import { startRollupRefresher } from "@/lib/jobs/rollup-refresher";
import { amqpSettings } from "@/lib/ingest/amqp/amqp-settings";
import { startAmqpConsumer } from "@/lib/jobs/start-amqp-consumer";
import { startAlertEvaluator } from "@/lib/jobs/alert-evaluator";
import { alertSettings } from "@/lib/jobs/alert-settings";
import { startIssueSyncer } from "@/lib/jobs/issue-syncer";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("replay worker: DATABASE_URL is not set");
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.REPLAY_WORKER_POOL_SIZE ?? 10) });
pool.on("error", () => undefined);
const worker = await startReplayWorker(pool);
// Several workers may run: the refresh takes an advisory lock, so only one recounts at a time.
const refresher = startRollupRefresher(pool, { intervalMs: Number(process.env.ROLLUP_REFRESH_MS ?? 5000), onError: (e) => console.error(`rollup refresher: ${(e as Error).message}`) });
// RabbitMQ ingest, only when CROSSDOCK_AMQP_URL is set (README, "RabbitMQ").
const amqpConfig = amqpSettings();
const amqpConsumer = amqpConfig ? await startAmqpConsumer(pool, amqpConfig) : null;
// Alerts: every ALERT_EVALUATION_MS; an advisory lock and claimed notifications keep several workers from double-sending.
const alerts = alertSettings();
const alertEvaluator = startAlertEvaluator(pool, { intervalMs: alerts.evaluationMs, publicUrl: alerts.publicUrl, onError: (e) => console.error(`alert evaluation: ${(e as Error).message}`) });
// Failure issues follow the open failures (advisory lock too: one sync at a time).
const issueSyncer = startIssueSyncer(pool, { intervalMs: Number(process.env.ISSUE_SYNC_MS ?? 10000), onError: (e) => console.error(`issue sync: ${(e as Error).message}`) });
console.log("replay worker: running");
process.send?.({ type: "ready" });

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await amqpConsumer?.stop().catch(() => undefined); // first: its in-flight messages need the pool
  await worker.stop().catch(() => undefined);
  await refresher.stop().catch(() => undefined);
  await alertEvaluator.stop().catch(() => undefined);
  await issueSyncer.stop().catch(() => undefined);
  await pool.end().catch(() => undefined);
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
