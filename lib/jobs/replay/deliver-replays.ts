import type { JobHelpers } from "graphile-worker";
import type { Pool } from "pg";
import { z } from "zod";
import type { Logger } from "@/lib/telemetry/logger";
import { startJobRun } from "../job-run";
import { type DeliveryOutcome, deliverOne } from "./deliver-one";
import { handBackLeases } from "./hand-back-leases";
import { type LeasedReplay, leaseReplays, scopeSql } from "./lease-replays";
import { type DeliverPayload, enqueueDelivery } from "./queue";
import { finishBulkIfDone, recordOutcomes } from "./record-outcomes";
import type { ReplaySettings } from "./replay-settings";
import { TargetLimiter } from "./target-limiter";

// The worker's task: deliver the due replays of one replay or bulk, batch by batch, until
// none is due; then schedule itself for the next retry, or finish the bulk. Several lanes
// lease batches side by side so a slow item does not hold up the rest. Once `stopping`
// fires (the worker got SIGTERM) no lane leases again: deliveries already sent finish and
// are recorded, the rest of the batch is handed back, and the job's tail queues the work
// again for whichever worker is still running.

const payloadSchema = z.union([z.object({ replayId: z.uuid() }), z.object({ bulkId: z.uuid() })]);

export function makeDeliverTask(
  pool: Pool,
  settings: ReplaySettings,
  limiter = new TargetLimiter(),
  stopping: AbortSignal = new AbortController().signal,
  lanes = settings.REPLAY_LANES,
) {
  return async (raw: unknown, helpers: JobHelpers): Promise<void> => {
    const payload: DeliverPayload = payloadSchema.parse(raw);
    const run = startJobRun("replay_delivery", {
      queueJobId: helpers.job.id,
      ...(payload.bulkId ? { bulkId: payload.bulkId } : {}),
    });
    await Promise.all(
      Array.from({ length: lanes }, () => deliverUntilIdle(pool, payload, settings, limiter, stopping, run.log)),
    );
    const scope = scopeSql(payload);
    const { rows } = await pool.query<{ next: Date | null }>(
      `SELECT min(CASE WHEN r.status = 'delivering' THEN r.lease_until ELSE r.next_attempt_at END) AS next FROM replays r
       WHERE ${scope.sql} AND r.status IN ('pending', 'queued', 'delivering')
         AND NOT EXISTS (SELECT 1 FROM bulk_replays b WHERE b.id = r.bulk_id AND b.status = 'cancelled')`,
      [scope.param],
    );
    const next = rows[0]?.next;
    if (next) await enqueueDelivery(pool, payload, next);
    else if (payload.bulkId) await finishBulkIfDone(pool, payload.bulkId);
  };
}

async function deliverUntilIdle(
  pool: Pool,
  payload: DeliverPayload,
  settings: ReplaySettings,
  limiter: TargetLimiter,
  stopping: AbortSignal,
  log: Logger,
): Promise<void> {
  while (!stopping.aborted) {
    const batch = await leaseReplays(
      pool,
      payload,
      settings.REPLAY_BATCH_SIZE,
      settings.REPLAY_LEASE_GRACE_MS,
      limiter.liveWorkers(),
    );
    if (batch.length === 0) return;
    // A replay whose turn comes after the stop is not sent (null): it is handed back.
    const results = await Promise.all(
      batch.map(async (replay) => ({
        replay,
        outcome: await limiter.run(replay.systemId, replay.limits, () =>
          stopping.aborted ? Promise.resolve(null) : deliverOne(replay),
        ),
      })),
    );
    const attempts = results.filter((a): a is { replay: LeasedReplay; outcome: DeliveryOutcome } => a.outcome !== null);
    await recordOutcomes(pool, attempts, settings);
    for (const { replay, outcome } of attempts)
      logOutcome(log, replay.id, replay.transactionId, replay.attempts, outcome);
    await handBackLeases(
      pool,
      results.filter((a) => a.outcome === null).map((a) => a.replay.id),
    );
  }
}

// One line per attempt, once it is recorded: what the target said, for whom. All at info:
// each is a recorded business outcome (a person acts on it in the app); the worker's own
// trouble is what warns.
function logOutcome(log: Logger, replayId: string, transactionId: string, attempt: number, o: DeliveryOutcome): void {
  const reason = o.kind === "rejected" || o.kind === "transient" ? { reason: o.message } : {};
  const line = o.kind === "transient" ? "replay not delivered" : `replay ${o.kind.replace("_", " ")}`;
  log.info({ replayId, transactionId, attempt, outcome: o.kind, httpStatus: o.httpStatus, ...reason }, line);
}
