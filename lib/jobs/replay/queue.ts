import { Logger, makeWorkerUtils, type WorkerUtils } from "graphile-worker";
import type { Pool } from "pg";
import { getLogger } from "@/lib/telemetry/logger";

// The job queue (graphile-worker: jobs are rows in PostgreSQL, so they survive restarts
// and any worker instance may take them). The replays table is the source of truth; a
// job only says "there is delivery work for this replay or bulk". A job lost between our
// commit and this call is re-added by the worker's sweeper (lib/jobs/replay/sweep-replays.ts).

export const DELIVER_TASK = "deliver-replays";

export interface DeliverPayload {
  replayId?: string;
  bulkId?: string;
}

const utilsByPool = new WeakMap<Pool, Promise<WorkerUtils>>();

function utilsFor(pool: Pool): Promise<WorkerUtils> {
  let utils = utilsByPool.get(pool);
  if (!utils) {
    utils = makeWorkerUtils({ pgPool: pool, logger: queueLogger }).then(async (u) => {
      await u.migrate(); // creates the graphile_worker schema on first use
      return u;
    });
    utilsByPool.set(pool, utils);
  }
  return utils;
}

// graphile-worker reports every lost pool connection ("idle client generated error"), which
// the pool replaces by itself and a failed enqueue reports to its caller anyway: a database
// restart, or the demo's Ctrl-C, would print a screen of them. Other errors are kept.
const queueLogger = new Logger(() => (level, message) => {
  if (level === "error" && !/client generated error/.test(message)) getLogger().error(`replay queue: ${message}`);
});

export function jobKeyOf(payload: DeliverPayload): string {
  return payload.bulkId ? `deliver:bulk:${payload.bulkId}` : `deliver:replay:${payload.replayId}`;
}

export async function enqueueDelivery(pool: Pool, payload: DeliverPayload, runAt?: Date): Promise<void> {
  const utils = await utilsFor(pool);
  // "preserve_run_at": a waiting job for the same work is kept, not duplicated; a running
  // one is left alone and a new job is queued behind it.
  await utils.addJob(DELIVER_TASK, payload, {
    jobKey: jobKeyOf(payload),
    jobKeyMode: "preserve_run_at",
    runAt,
    maxAttempts: 25,
  });
}
