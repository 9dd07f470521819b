-- The worker's periodic work (lib/jobs/record-job-run.ts): how many runs of each kind
-- (rollup_fold, alert_evaluation, issue_sync) all workers have made, how many failed, and
-- when the last one ended, so GET /metrics on any app instance can say whether alerts are
-- still being evaluated. One row per kind, updated in place at the end of each run.
CREATE TABLE "worker_job_runs" (
    "job" TEXT NOT NULL,
    "runs" BIGINT NOT NULL DEFAULT 0,
    "failures" BIGINT NOT NULL DEFAULT 0,
    "last_run_at" TIMESTAMPTZ(3),
    "last_failure_at" TIMESTAMPTZ(3),
    CONSTRAINT "worker_job_runs_pkey" PRIMARY KEY ("job")
);
