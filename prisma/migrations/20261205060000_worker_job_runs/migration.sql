-- The worker's periodic work (lib/jobs/record-job-run.ts) and its heartbeat
-- (lib/jobs/worker-registry.ts), for the whole installation: how many runs of each kind
-- (heartbeat, rollup_fold, alert_evaluation, issue_sync, retention) all workers have made,
-- how many failed, when the last one ended and the last one succeeded, and the interval the
-- writing worker runs it at. GET /metrics reads it, and /api/health and the banner judge
-- from it whether background work is still running: replay_workers cannot say since when
-- nothing has run (a worker deletes its row when it stops), these rows outlive the workers
-- that wrote them. One row per kind, updated in place at the end of each run, stamped by the
-- database clock so workers on skewed hosts agree.
CREATE TABLE "worker_job_runs" (
    "job" TEXT NOT NULL,
    "runs" BIGINT NOT NULL DEFAULT 0,
    "failures" BIGINT NOT NULL DEFAULT 0,
    "last_run_at" TIMESTAMPTZ(3),
    "last_failure_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "every_ms" INTEGER,
    CONSTRAINT "worker_job_runs_pkey" PRIMARY KEY ("job")
);
