-- Incremental rollups: every change to a transaction row appends the difference it makes
-- to the rollups (its old contribution retracted, its new one added) to delta tables, in
-- the same database transaction; the worker folds the deltas into the rollups every few
-- hundred milliseconds (lib/jobs/rollups/fold-rollups.ts). The cost of keeping the dashboards
-- current follows what changed, not how many transactions the changed hours hold.
--
-- Why delta rows and not updating the rollups in place: concurrent ingest batches touch
-- the same (hour, workflow, site) rows, and an in-place counter serialises them on those
-- row locks until each batch commits. Appending never waits; one folder does the updates.
--
-- Why a trigger: every writer of transactions (ingest, replay claims, manual resolve and
-- cancel, replay outcomes, the cleanup of a transaction whose only event was a duplicate)
-- is covered by construction, with the before and after state PostgreSQL already has.

-- Facts the rollups need that used to be read back from events on every recount; derived
-- with the rest of the state (lib/domain/derive-transaction.ts).
ALTER TABLE "transactions"
    ADD COLUMN "first_attempt_failed" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "replayed" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "first_failure_at" TIMESTAMPTZ(3);

-- Only transactions that can have them: one that succeeded on its first attempt and never
-- failed had no failure and no replay.
UPDATE "transactions" t SET ("first_attempt_failed", "replayed", "first_failure_at") = (
    SELECT coalesce(bool_or(e.stage IN ('failed', 'dead_lettered') AND coalesce(e.attempt, 1) = 1), false),
           coalesce(bool_or(e.stage = 'replay_requested'), false),
           min(e.occurred_at) FILTER (WHERE e.stage IN ('failed', 'dead_lettered'))
    FROM "events" e WHERE e.transaction_id = t.id)
WHERE t.ever_failed OR t.attempts > 1 OR t.status <> 'succeeded';

-- Replaced by the delta tables: hours are no longer recounted.
DROP TABLE "rollup_dirty";

-- Recounting one error signature's first/last seen in one hour when the transaction that
-- set it left the cell (rare: a replay failing differently, a late earlier event). Failures
-- only, so small.
CREATE INDEX "transactions_error_signature_first_event_at_idx" ON "transactions"("error_signature", "first_event_at")
    WHERE "error_signature" IS NOT NULL;

-- Histogram bin of a duration (lib/domain/dashboard/histogram.ts): one definition for the
-- trigger, the folder and the rebuild, so they always agree on the bin.
CREATE FUNCTION "rollup_latency_bin"(ms DOUBLE PRECISION) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN ms < 1 THEN 0 ELSE floor(ln(ms) / ln(1.05))::int + 1 END
$$;

-- Append-only, no key or index on purpose: concurrent batches never wait for each other
-- here; the folder takes everything with one DELETE ... RETURNING. Signed: a retraction is
-- negative. first_success_at/first_seen/last_seen are min/max of what was added; the
-- retracted_* columns are the extremes a batch took away, so the folder knows when a stored
-- min/max may have left with it and must be recounted for that one cell.
CREATE TABLE "rollup_hourly_deltas" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "workflow_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "started" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL,
    "resolved" INTEGER NOT NULL,
    "cancelled" INTEGER NOT NULL,
    "in_progress" INTEGER NOT NULL,
    "needs_person" INTEGER NOT NULL,
    "ever_failed" INTEGER NOT NULL,
    "first_attempt_failed" INTEGER NOT NULL,
    "manual" INTEGER NOT NULL,
    "failed_source_api" INTEGER NOT NULL,
    "failed_middleware" INTEGER NOT NULL,
    "failed_broker" INTEGER NOT NULL,
    "failed_target_api" INTEGER NOT NULL,
    "first_success_at" TIMESTAMPTZ(3),
    "retracted_success_at" TIMESTAMPTZ(3)
);

CREATE TABLE "rollup_latency_deltas" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "workflow_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "n" INTEGER NOT NULL
);

CREATE TABLE "rollup_failures_deltas" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "workflow_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "error_signature" TEXT NOT NULL,
    "value_currency" TEXT NOT NULL,
    "error_code" TEXT,
    "transactions" INTEGER NOT NULL,
    "open" INTEGER NOT NULL,
    "value_amount" DECIMAL(18,4) NOT NULL,
    "first_seen" TIMESTAMPTZ(3),
    "last_seen" TIMESTAMPTZ(3),
    "retracted_first_seen" TIMESTAMPTZ(3),
    "retracted_last_seen" TIMESTAMPTZ(3)
);

-- Shipment confirmations and invoice postings that changed (old and new references): the
-- folder re-checks their unposted state and the invoices' shipment-to-invoice cycle time,
-- which depend on rows on the other side of the reference.
CREATE TABLE "rollup_touched" (
    "transaction_id" UUID NOT NULL,
    "workflow_id" INTEGER NOT NULL,
    "shipment_id" TEXT,
    "load_id" TEXT
);

-- The shipment-to-invoice cycle time each posted invoice contributes to rollup_latency
-- (metric ship_to_invoice), so a change retracts exactly what was added.
CREATE TABLE "rollup_invoice_cycle" (
    "transaction_id" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "workflow_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "bin" INTEGER NOT NULL,
    CONSTRAINT "rollup_invoice_cycle_pkey" PRIMARY KEY ("transaction_id")
);

-- One row: when the last fold started. Everything committed before it is in the rollups,
-- which is what dashboards report as their freshness.
CREATE TABLE "rollup_state" (
    "id" INTEGER NOT NULL,
    "folded_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rollup_state_pkey" PRIMARY KEY ("id")
);
INSERT INTO "rollup_state" ("id", "folded_at") VALUES (1, CURRENT_TIMESTAMP);

-- The part of a transaction row the rollups depend on, signed. retract_success: this
-- (old) row's completion may have been its hour's first success and is gone now;
-- retract_bounds: this (old) row may have set its failure cell's first/last seen and left it.
CREATE TYPE "rollup_change" AS (
    "sign" INTEGER,
    "id" UUID,
    "workflow_id" INTEGER,
    "site_id" INTEGER,
    "status" TEXT,
    "failed_layer" TEXT,
    "ever_failed" BOOLEAN,
    "first_attempt_failed" BOOLEAN,
    "replayed" BOOLEAN,
    "first_event_at" TIMESTAMPTZ(3),
    "last_event_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "latency_ms" INTEGER,
    "first_failure_at" TIMESTAMPTZ(3),
    "error_signature" TEXT,
    "error_code" TEXT,
    "value_currency" TEXT,
    "value_amount" DECIMAL(18,4),
    "shipment_id" TEXT,
    "load_id" TEXT,
    "retract_success" BOOLEAN,
    "retract_bounds" BOOLEAN
);

CREATE FUNCTION "rollup_change_of"(t "transactions", sign INTEGER, retract_success BOOLEAN, retract_bounds BOOLEAN) RETURNS "rollup_change"
LANGUAGE sql IMMUTABLE AS $$
    SELECT ROW(sign, t.id, t.workflow_id, coalesce(t.site_id, 0), t.status, t.failed_layer, t.ever_failed, t.first_attempt_failed,
               t.replayed, t.first_event_at, t.last_event_at, t.completed_at, t.latency_ms, t.first_failure_at, t.error_signature,
               t.error_code, t.value_currency::text, t.value_amount, t.shipment_id, t.load_id, retract_success, retract_bounds)::"rollup_change"
$$;

-- What a row contributes, for telling changed rows from rows whose rollup figures did not
-- move (most updates: one more event on a transaction still in flight).
CREATE FUNCTION "rollup_contribution"(t "transactions") RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT ROW(t.workflow_id, t.site_id, t.status, t.failed_layer, t.ever_failed, t.first_attempt_failed, t.replayed,
               t.first_event_at, t.completed_at, t.latency_ms, t.first_failure_at, t.error_signature, t.error_code,
               t.value_currency, t.value_amount, t.shipment_id, t.load_id, t.business_key,
               CASE WHEN t.error_signature IS NOT NULL THEN t.last_event_at END)::text
$$;

-- The deltas of one statement's changed rows, summed per rollup cell.
CREATE FUNCTION "append_rollup_deltas"(changes "rollup_change"[]) RETURNS VOID
LANGUAGE sql AS $$
WITH c AS MATERIALIZED (
    SELECT x.*, date_trunc('hour', x.first_event_at, 'UTC') AS bucket, x.status IN ('succeeded', 'resolved', 'cancelled') AS final
    FROM unnest(changes) x
),
hourly AS (
    INSERT INTO rollup_hourly_deltas (bucket, workflow_id, site_id, started, succeeded, resolved, cancelled, in_progress,
        needs_person, ever_failed, first_attempt_failed, manual, failed_source_api, failed_middleware, failed_broker,
        failed_target_api, first_success_at, retracted_success_at)
    SELECT bucket, workflow_id, site_id, sum(sign),
        sum(sign * (status = 'succeeded')::int),
        sum(sign * (status = 'resolved')::int),
        sum(sign * (status = 'cancelled')::int),
        sum(sign * (status IN ('in_flight', 'retrying', 'replaying'))::int),
        sum(sign * (status IN ('failed', 'dead_lettered'))::int),
        sum(sign * ever_failed::int),
        sum(sign * first_attempt_failed::int),
        sum(sign * (final AND (status = 'resolved' OR replayed))::int),
        sum(sign * (ever_failed AND failed_layer IS NOT DISTINCT FROM 'source_api')::int),
        sum(sign * (ever_failed AND failed_layer IS NOT DISTINCT FROM 'middleware')::int),
        sum(sign * (ever_failed AND failed_layer IS NOT DISTINCT FROM 'broker')::int),
        sum(sign * (ever_failed AND failed_layer IS NOT DISTINCT FROM 'target_api')::int),
        min(completed_at) FILTER (WHERE sign > 0 AND status = 'succeeded'),
        min(completed_at) FILTER (WHERE sign < 0 AND status = 'succeeded' AND retract_success)
    FROM c GROUP BY 1, 2, 3
    RETURNING 1
),
latency AS (
    INSERT INTO rollup_latency_deltas (bucket, workflow_id, site_id, metric, bin, n)
    SELECT bucket, workflow_id, site_id, metric, bin, sum(sign)
    FROM (
        SELECT sign, bucket, workflow_id, site_id, 'e2e' AS metric, rollup_latency_bin(latency_ms::float8) AS bin
        FROM c WHERE latency_ms IS NOT NULL
        UNION ALL
        SELECT sign, bucket, workflow_id, site_id, 'resolution',
               rollup_latency_bin(extract(epoch FROM completed_at - first_failure_at)::float8 * 1000)
        FROM c WHERE status IN ('succeeded', 'resolved') AND first_failure_at IS NOT NULL AND completed_at IS NOT NULL
    ) m
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0
    RETURNING 1
),
failures AS (
    INSERT INTO rollup_failures_deltas (bucket, workflow_id, site_id, error_signature, value_currency, error_code, transactions,
        open, value_amount, first_seen, last_seen, retracted_first_seen, retracted_last_seen)
    SELECT bucket, workflow_id, site_id, error_signature, coalesce(value_currency, ''),
        min(error_code) FILTER (WHERE sign > 0), sum(sign), sum(sign * (NOT final)::int),
        coalesce(sum(sign * value_amount) FILTER (WHERE value_currency IS NOT NULL), 0),
        min(first_event_at) FILTER (WHERE sign > 0), max(last_event_at) FILTER (WHERE sign > 0),
        min(first_event_at) FILTER (WHERE sign < 0 AND retract_bounds), max(last_event_at) FILTER (WHERE sign < 0 AND retract_bounds)
    FROM c WHERE error_signature IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    RETURNING 1
),
touched AS (
    INSERT INTO rollup_touched (transaction_id, workflow_id, shipment_id, load_id)
    SELECT DISTINCT c.id, c.workflow_id, c.shipment_id, c.load_id FROM c
    WHERE c.workflow_id IN (SELECT id FROM workflows WHERE name IN ('shipment_confirmation', 'invoice_posting'))
    RETURNING 1
)
SELECT NULL::void FROM (SELECT (SELECT count(*) FROM hourly) + (SELECT count(*) FROM latency) + (SELECT count(*) FROM failures) + (SELECT count(*) FROM touched)) n
$$;

CREATE FUNCTION "rollup_capture_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE changes rollup_change[] := array(SELECT rollup_change_of(n, 1, false, false) FROM new_rows n);
BEGIN
    IF cardinality(changes) > 0 THEN PERFORM append_rollup_deltas(changes); END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION "rollup_capture_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE changes rollup_change[] := array(
    SELECT rollup_change_of(o, -1, o.status = 'succeeded', o.error_signature IS NOT NULL) FROM old_rows o);
BEGIN
    IF cardinality(changes) > 0 THEN PERFORM append_rollup_deltas(changes); END IF;
    RETURN NULL;
END
$$;

-- An old row retracts a min/max only when it leaves the cell or moves the value the wrong
-- way; a transaction's events only ever add up, so first_event_at never grows and
-- last_event_at never shrinks while it stays.
CREATE FUNCTION "rollup_capture_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE changes rollup_change[] := array(
        SELECT v.c
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (SELECT date_trunc('hour', o.first_event_at, 'UTC') = date_trunc('hour', n.first_event_at, 'UTC')
                                   AND o.workflow_id = n.workflow_id AND coalesce(o.site_id, 0) = coalesce(n.site_id, 0) AS same_cell) k
        CROSS JOIN LATERAL (VALUES
            (rollup_change_of(o, -1,
                o.status = 'succeeded' AND NOT coalesce(k.same_cell AND n.status = 'succeeded' AND n.completed_at <= o.completed_at, false),
                o.error_signature IS NOT NULL AND NOT coalesce(k.same_cell AND n.error_signature = o.error_signature
                    AND coalesce(n.value_currency, '') = coalesce(o.value_currency, '')
                    AND n.first_event_at <= o.first_event_at AND n.last_event_at >= o.last_event_at, false))),
            (rollup_change_of(n, 1, false, false))) v(c)
        WHERE rollup_contribution(o) IS DISTINCT FROM rollup_contribution(n));
BEGIN
    IF cardinality(changes) > 0 THEN PERFORM append_rollup_deltas(changes); END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "transactions_rollup_insert" AFTER INSERT ON "transactions"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_capture_insert();
CREATE TRIGGER "transactions_rollup_update" AFTER UPDATE ON "transactions"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_capture_update();
CREATE TRIGGER "transactions_rollup_delete" AFTER DELETE ON "transactions"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_capture_delete();

-- Cycle times the rollups already hold, so the first fold after this migration retracts
-- exactly those.
INSERT INTO "rollup_invoice_cycle" ("transaction_id", "bucket", "workflow_id", "site_id", "bin")
SELECT i.id, date_trunc('hour', i.first_event_at, 'UTC'), i.workflow_id, coalesce(i.site_id, 0),
       rollup_latency_bin((extract(epoch FROM i.completed_at - s.shipped_at) * 1000)::float8)
FROM transactions i
CROSS JOIN LATERAL (
    SELECT min(s.first_event_at) AS shipped_at FROM transactions s
    WHERE s.workflow_id + 0 = (SELECT id FROM workflows WHERE name = 'shipment_confirmation')
      AND (s.shipment_id = i.shipment_id OR (i.shipment_id IS NULL AND s.load_id = i.load_id))
) s
WHERE i.workflow_id = (SELECT id FROM workflows WHERE name = 'invoice_posting') AND i.status = 'succeeded' AND s.shipped_at IS NOT NULL;
