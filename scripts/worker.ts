// npm run worker - the background worker: delivers replays and bulk replays from the
// PostgreSQL-backed queue, keeps the dashboards' rollups fresh (folds the changes ingest
// and the services appended, every 500 ms; dashboard reads never do), keeps failure issues
// current, evaluates alert rules and sends their notifications, creates storage partitions
// ahead and expires (archives, drops) data past retention, and reads events from RabbitMQ
// when configured. Run one or more next to the app; `npm start` and `npm run demo`
// start one. Needs DATABASE_URL, and CROSSDOCK_SECRET_KEY when replay endpoints or alert
// channels hold secrets.
import pg from "pg";
import { amqpSettings } from "@/lib/ingest/amqp/amqp-settings";
import { startAmqpConsumer } from "@/lib/ingest/amqp/start-amqp-consumer";
import { startAlertEvaluator } from "@/lib/jobs/alerts/alert-evaluator";
import { alertSettings } from "@/lib/jobs/alerts/alert-settings";
import { startIssueSyncer } from "@/lib/jobs/issues/issue-syncer";
import type { JobRun } from "@/lib/jobs/job-run";
import { replaySettings } from "@/lib/jobs/replay/replay-settings";
import { startReplayWorker } from "@/lib/jobs/replay/start-replay-worker";
import { startRetentionJob } from "@/lib/jobs/retention/retention-job";
import { retentionEnv } from "@/lib/jobs/retention/retention-settings";
import { startRollupRefresher } from "@/lib/jobs/rollups/rollup-refresher";
import { workerSettings } from "@/lib/jobs/worker-settings";
import { getLogger } from "@/lib/telemetry/logger";

const log = getLogger(); // a wrong CROSSDOCK_LOG_FORMAT or CROSSDOCK_LOG_LEVEL stops here, named

const url = process.env.DATABASE_URL;
if (!url) {
  log.fatal("worker: DATABASE_URL is not set");
  process.exit(2);
}
// Every setting is read before anything starts: a wrong value stops the worker at once, naming it.
function readSettings() {
  try {
    return {
      worker: workerSettings(),
      replay: replaySettings(),
      amqp: amqpSettings(),
      alerts: alertSettings(),
      retention: retentionEnv(),
    };
  } catch (error) {
    log.fatal(`worker: ${(error as Error).message}`);
    process.exit(2);
  }
}
const settings = readSettings();
const pool = new pg.Pool({ connectionString: url, max: settings.worker.poolSize });
pool.on("error", () => undefined);
let stopping = false;
// Once stopping, a failed run is the database going away with us (Ctrl-C of the demo), not news.
const report = (what: string) => (e: unknown, run?: JobRun) => {
  if (!stopping) (run?.log ?? log).error({ err: e }, `${what} failed`);
};

const worker = await startReplayWorker(pool, settings.replay);
// Several workers may run: the fold takes an advisory lock, so only one folds at a time.
const refresher = startRollupRefresher(pool, {
  intervalMs: settings.worker.rollupRefreshMs,
  onError: report("rollup refresher"),
});
// RabbitMQ ingest, only when CROSSDOCK_AMQP_URL is set (README, "RabbitMQ").
const amqpConsumer = settings.amqp ? await startAmqpConsumer(pool, settings.amqp) : null;
// Alerts: every ALERT_EVALUATION_MS; an advisory lock and claimed notifications keep several workers from double-sending.
const alertEvaluator = startAlertEvaluator(pool, {
  intervalMs: settings.alerts.evaluationMs,
  publicUrl: settings.alerts.publicUrl,
  onError: report("alert evaluation"),
});
// Failure issues follow the open failures (advisory lock too: one sync at a time).
const issueSyncer = startIssueSyncer(pool, { intervalMs: settings.worker.issueSyncMs, onError: report("issue sync") });
// Storage: day partitions created ahead, expired days archived and dropped (advisory lock: one run at a time).
const retention = startRetentionJob(pool, {
  intervalMs: settings.retention.intervalMs,
  daysAhead: settings.retention.daysAhead,
  archiveDir: settings.retention.archiveDir,
  onError: report("retention"),
});
log.info({ amqp: settings.amqp !== null, alertEvaluationMs: settings.alerts.evaluationMs }, "replay worker: running");
process.send?.({ type: "ready" });

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // All at once, the pool last: the RabbitMQ consumer's in-flight messages still need it.
  await Promise.allSettled([
    amqpConsumer?.stop(),
    worker.stop(),
    refresher.stop(),
    alertEvaluator.stop(),
    issueSyncer.stop(),
    retention.stop(),
  ]);
  await pool.end().catch(() => undefined);
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
