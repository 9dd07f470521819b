-- Replays (issue 6): how to reach a system's replay endpoint and record check, each replay
-- of a transaction with its delivery state, and bulk replay jobs. Delivery itself runs in
-- the worker (lib/jobs); these rows are its source of truth, so a restarted worker picks up
-- where a stopped one left off.

-- The auth header is stored encrypted (AES-256-GCM, key from CROSSDOCK_SECRET_KEY,
-- lib/crypto/secret-box.ts); the record check URL holds {workflow} and {businessKey}.
ALTER TABLE "systems" ADD COLUMN "replay_auth_header" TEXT;
ALTER TABLE "systems" ADD COLUMN "replay_timeout_ms" INTEGER NOT NULL DEFAULT 10000;
ALTER TABLE "systems" ADD COLUMN "record_check_url" TEXT;
ALTER TABLE "systems" ADD COLUMN "replay_concurrency" INTEGER NOT NULL DEFAULT 10;
ALTER TABLE "systems" ADD COLUMN "replay_rate_per_second" INTEGER NOT NULL DEFAULT 20;

CREATE TABLE "bulk_replays" (
    "id" UUID NOT NULL,
    "requested_by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "force" BOOLEAN NOT NULL DEFAULT false,
    "filter" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL, -- running, cancelled, done
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "bulk_replays_pkey" PRIMARY KEY ("id")
);

-- One replay of one transaction (alone or as an item of a bulk replay). status:
-- queued -> delivering -> accepted | already_posted | rejected | dead_lettered | cancelled;
-- a retryable failure puts it back to queued with a later next_attempt_at.
CREATE TABLE "replays" (
    "id" UUID NOT NULL,
    "transaction_id" UUID NOT NULL,
    "bulk_id" UUID,
    "system_id" INTEGER,
    "requested_by" TEXT NOT NULL,
    "reason" TEXT,
    "force" BOOLEAN NOT NULL DEFAULT false,
    "edited_payload" JSON,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "http_status" INTEGER,
    "message" TEXT,
    "document_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "replays_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "replays_transaction_id_created_at_idx" ON "replays"("transaction_id", "created_at");
CREATE INDEX "replays_bulk_id_status_idx" ON "replays"("bulk_id", "status");
ALTER TABLE "replays" ADD CONSTRAINT "replays_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "replays" ADD CONSTRAINT "replays_bulk_id_fkey" FOREIGN KEY ("bulk_id") REFERENCES "bulk_replays"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "replays" ADD CONSTRAINT "replays_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- Not expressible in schema.prisma: the open work the worker and its sweeper scan.
CREATE INDEX "replays_open_idx" ON "replays"("next_attempt_at") WHERE "status" IN ('queued', 'delivering');
