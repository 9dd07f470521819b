-- Failure issues: open failures with the same error signature (layer + target + normalised
-- error) as one thing a person owns, with a state (open, acknowledged, resolved, reopened)
-- and a history. lib/jobs/sync-failure-issues.ts keeps them current from the transactions.
--
-- Why a table and not a view over the rollups: an issue outlives its failures (it is
-- resolved, then may recur), and its owner, state and history are written by people, so
-- they need rows of their own. The live figures (open count, value per currency, sites,
-- workflows) are not stored: they are read from the open transactions through the index
-- below, so they can never drift from the transaction list the issue links to.

CREATE TABLE "failure_issues" (
    "id" SERIAL NOT NULL,
    "error_signature" TEXT NOT NULL,
    "layer" TEXT NOT NULL,
    "target_system" TEXT,
    "error_code" TEXT,
    -- open | acknowledged | resolved | reopened
    "state" TEXT NOT NULL DEFAULT 'open',
    "owner_id" INTEGER,
    -- sites its failures were ever seen at: who may see the issue once its failures are gone
    "sites" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" INTEGER,
    "resolve_note" TEXT,
    -- reopened by hand with nothing failing: not resolved again by the sync until a failure comes
    "held_open" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "failure_issues_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "failure_issues_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "failure_issues_resolved_by_fkey" FOREIGN KEY ("resolved_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "failure_issues_error_signature_key" ON "failure_issues"("error_signature");
CREATE INDEX "failure_issues_state_last_seen_idx" ON "failure_issues"("state", "last_seen");

-- What happened to an issue, oldest first: opened, acknowledged, owner_changed, resolved,
-- auto_resolved, reopened (by hand, or by recurrence: actor_id NULL). Append-only.
CREATE TABLE "failure_issue_events" (
    "id" BIGSERIAL NOT NULL,
    "issue_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "actor_id" INTEGER,
    "owner_id" INTEGER,
    "note" TEXT,
    CONSTRAINT "failure_issue_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "failure_issue_events_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "failure_issues"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "failure_issue_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "failure_issue_events_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "failure_issue_events_issue_id_at_idx" ON "failure_issue_events"("issue_id", "at");

-- Failures by signature: what the sync and the issue figures read. transactions_open_idx
-- (dashboards migration) is keyed by workflow and time, so "the open failures of this
-- signature" would scan all open work; this one is keyed by signature and holds only the
-- failures still open or being worked on (failed, dead_lettered, and retrying/replaying,
-- which keep an issue from resolving itself), covering every column those reads use, so
-- they are index-only scans. Not expressible in schema.prisma (partial, INCLUDE).
CREATE INDEX "transactions_open_failures_idx" ON "transactions"("error_signature")
    INCLUDE ("status", "updated_at", "last_event_at", "site_id", "workflow_id", "value_amount", "value_currency", "failed_layer", "target_system", "error_code")
    WHERE "status" IN ('failed', 'dead_lettered', 'retrying', 'replaying') AND "error_signature" IS NOT NULL;
