-- Live replay workers (lib/jobs/worker-registry.ts). Each worker upserts its row every
-- heartbeat and counts the rows seen recently, so the per-target limits in systems can be
-- split among the workers that are running: the limits hold across all of them, not per
-- process. Rows of a worker that died are ignored, then deleted, after three heartbeats.
CREATE TABLE "replay_workers" (
    "id" UUID NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "replay_workers_pkey" PRIMARY KEY ("id")
);
