-- When the background work last ran, for the whole installation (issue 17): /api/health and
-- the banner read it. replay_workers cannot say since when nothing has run (a worker deletes
-- its row when it stops, the others delete a dead one's), so these rows outlive the workers
-- that wrote them. activity: heartbeat (any worker), alert_evaluation, issue_sync; every_ms
-- is the interval the writing worker runs it at, so the app judges "overdue" by the workers'
-- settings, not its own. The rollup fold keeps its time in rollup_state.
CREATE TABLE "worker_activity" (
    "activity" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "every_ms" INTEGER NOT NULL,
    CONSTRAINT "worker_activity_pkey" PRIMARY KEY ("activity")
);

-- Bulk replay items wait as 'pending' (replays_open_idx covers queued and delivering only);
-- health asks for the oldest due one on every probe, so it must not scan all replays.
CREATE INDEX "replays_pending_idx" ON "replays"("next_attempt_at") WHERE "status" = 'pending';
