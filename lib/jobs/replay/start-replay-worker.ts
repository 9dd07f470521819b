import { Logger, type Runner, run } from "graphile-worker";
import type { Pool } from "pg";
import { getLogger } from "@/lib/telemetry/logger";
import { registerWorker } from "../worker-registry";
import { makeDeliverTask } from "./deliver-replays";
import { DELIVER_TASK } from "./queue";
import { type ReplaySettings, replaySettings } from "./replay-settings";
import { sweepReplays } from "./sweep-replays";
import { TargetLimiter } from "./target-limiter";

// The replay worker: graphile-worker running our tasks on the app's database, plus the
// sweeper that re-adds jobs a killed worker left behind, registered in replay_workers so
// the per-target limits are shared among all running workers. Used by scripts/worker.ts, and by
// tests and the bench in-process.

export interface ReplayWorker {
  // How many workers this one believes are live (its share divides the targets' limits by it).
  liveWorkers(): number;
  stop(): Promise<void>;
}

export async function startReplayWorker(
  pool: Pool,
  settings: ReplaySettings = replaySettings(),
): Promise<ReplayWorker> {
  const registry = await registerWorker(pool, settings.REPLAY_HEARTBEAT_MS);
  const limiter = new TargetLimiter(registry.liveWorkers);
  // Stopping usually comes with the database going away too (Ctrl-C of the demo stops both):
  // the connections it then loses are expected, not errors worth printing.
  let stopping = false;
  // Fired first on stop: the deliver task leases nothing more and hands back what it has not sent.
  const stop = new AbortController();
  const runner: Runner = await run({
    pgPool: pool,
    concurrency: settings.REPLAY_WORKER_CONCURRENCY,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: quietLogger(() => stopping),
    taskList: { [DELIVER_TASK]: makeDeliverTask(pool, settings, limiter, stop.signal) },
  }).catch(async (e: unknown) => {
    await registry.stop().catch(() => undefined);
    throw e;
  });
  await sweepReplays(pool, 0);
  const sweeper = setInterval(
    () => void sweepReplays(pool).catch((e: Error) => getLogger().error({ err: e }, "replay sweep failed")),
    settings.REPLAY_SWEEP_MS,
  );
  return {
    liveWorkers: registry.liveWorkers,
    async stop() {
      stopping = true;
      stop.abort();
      clearInterval(sweeper);
      // Waits for the running deliveries to be recorded and the unsent ones handed back.
      await runner.stop();
      // After the last delivery; the others take over its share at their next heartbeat.
      await registry.stop();
    },
  };
}

// graphile-worker logs every job at info level; keep warnings and errors only, and nothing
// once the worker is stopping.
function quietLogger(stopping: () => boolean): Logger {
  return new Logger((scope) => (level, message) => {
    if (stopping()) return;
    if (level === "error") getLogger().error({ queueJobId: scope.jobId, task: scope.taskIdentifier }, message);
    else if (level === "warning") getLogger().warn({ queueJobId: scope.jobId, task: scope.taskIdentifier }, message);
  });
}
