-- Time-partitioned storage for events and payloads (README, "Storage and retention").
--
-- Partition key: storage_day, the UTC day a transaction was first stored, carried by the
-- transaction and by each of its events. Every event of a transaction, re-sent copies
-- included, goes to its transaction's partition, so the unique (sender, event id) per
-- partition still refuses a re-sent event whatever its occurred_at and however long after.
-- (A unique index on a partitioned table must hold the partition key; partitioning by an
-- event's own time would let a re-send with another time through.) Retention moves open
-- work to today's partition by changing the transaction's storage_day with its events.
--
-- This rewrites events and event_payloads and adds a column to transactions (a rewrite
-- too): stop ingest while it runs. Measured rate in the README.

-- Existing transactions: the day of their first event (never in the future). A column type
-- change with USING rewrites the table in one pass, without the update triggers the rollups
-- keep on transactions and without leaving a dead copy of every row behind.
ALTER TABLE "transactions" ADD COLUMN "storage_day" DATE;
ALTER TABLE "transactions" ALTER COLUMN "storage_day" TYPE DATE
    USING least(("first_event_at" AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date);
ALTER TABLE "transactions" ALTER COLUMN "storage_day" SET DEFAULT ((now() AT TIME ZONE 'UTC')::date);
ALTER TABLE "transactions" ALTER COLUMN "storage_day" SET NOT NULL;
-- Retention finds a day's transactions by it.
CREATE INDEX "transactions_storage_day_idx" ON "transactions"("storage_day");

CREATE TABLE "events_partitioned" (
    "id" BIGINT NOT NULL DEFAULT nextval('events_id_seq'),
    "sender_system_id" INTEGER NOT NULL,
    "event_id" TEXT NOT NULL,
    "transaction_id" UUID NOT NULL,
    "workflow" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "layer" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "duration_ms" INTEGER,
    "source_system" TEXT,
    "target_system" TEXT,
    "site" TEXT,
    "business_key" TEXT,
    "refs" JSONB,
    "value_amount" DECIMAL(18,4),
    "value_currency" CHAR(3),
    "quantity" DECIMAL(18,4),
    "error_code" TEXT,
    "error_message" TEXT,
    "error_retryable" BOOLEAN,
    "attempt" INTEGER,
    "trace_id" TEXT,
    "span_id" TEXT,
    "parent_span_id" TEXT,
    "storage_day" DATE NOT NULL DEFAULT ((now() AT TIME ZONE 'UTC')::date)
) PARTITION BY RANGE ("storage_day");

-- No foreign key to events: a key referencing a partitioned table would have to carry its
-- partition key, and payloads expire (14 days) long before their events (13 months).
CREATE TABLE "event_payloads_partitioned" (
    "event_id" BIGINT NOT NULL,
    "payload" JSON NOT NULL,
    "storage_day" DATE NOT NULL DEFAULT ((now() AT TIME ZONE 'UTC')::date)
) PARTITION BY RANGE ("storage_day");

CREATE TABLE "events_default" PARTITION OF "events_partitioned" DEFAULT;
CREATE TABLE "event_payloads_default" PARTITION OF "event_payloads_partitioned" DEFAULT;

-- One partition per day of each table, named <table>_pYYYYMMDD, for every day in the range
-- that has none yet. Run by the worker ahead of time and here for the data already stored.
-- A day whose rows already sit in the default partition (stragglers) keeps them there:
-- creating its partition would fail on them.
CREATE FUNCTION "ensure_storage_partitions"(from_day DATE, to_day DATE) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
    d DATE := from_day;
    parent TEXT;
    created INTEGER := 0;
    straggler BOOLEAN;
BEGIN
    WHILE d <= to_day LOOP
        FOREACH parent IN ARRAY ARRAY['events', 'event_payloads'] LOOP
            IF to_regclass(format('%I', parent || '_p' || to_char(d, 'YYYYMMDD'))) IS NULL THEN
                EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE storage_day = $1)', parent || '_default')
                    INTO straggler USING d;
                IF NOT straggler THEN
                    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                        parent || '_p' || to_char(d, 'YYYYMMDD'), parent, d, d + 1);
                    created := created + 1;
                END IF;
            END IF;
        END LOOP;
        d := d + 1;
    END LOOP;
    RETURN created;
END
$$;

-- The new tables take the old names before their partitions are made (the function names
-- partitions after the parent).
ALTER SEQUENCE "events_id_seq" OWNED BY NONE;
ALTER TABLE "events" RENAME TO "events_unpartitioned";
ALTER TABLE "event_payloads" RENAME TO "event_payloads_unpartitioned";
ALTER TABLE "events_partitioned" RENAME TO "events";
ALTER TABLE "event_payloads_partitioned" RENAME TO "event_payloads";
ALTER SEQUENCE "events_id_seq" OWNED BY "events"."id";

-- A partition for each day that has transactions, within the last 400 days (anything older
-- stays in the default partition), and for today and the week ahead.
SELECT ensure_storage_partitions(d, d) FROM (
    SELECT DISTINCT "storage_day" AS d FROM "transactions"
    WHERE "storage_day" >= (now() AT TIME ZONE 'UTC')::date - 400) days;
SELECT ensure_storage_partitions((now() AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date + 7);

-- Data first, indexes and keys after: building them once is faster than maintaining them row by row.
INSERT INTO "events" ("id", "sender_system_id", "event_id", "transaction_id", "workflow", "stage", "layer", "occurred_at",
    "received_at", "duration_ms", "source_system", "target_system", "site", "business_key", "refs", "value_amount",
    "value_currency", "quantity", "error_code", "error_message", "error_retryable", "attempt", "trace_id", "span_id",
    "parent_span_id", "storage_day")
SELECT e."id", e."sender_system_id", e."event_id", e."transaction_id", e."workflow", e."stage", e."layer", e."occurred_at",
    e."received_at", e."duration_ms", e."source_system", e."target_system", e."site", e."business_key", e."refs",
    e."value_amount", e."value_currency", e."quantity", e."error_code", e."error_message", e."error_retryable",
    e."attempt", e."trace_id", e."span_id", e."parent_span_id", t."storage_day"
FROM "events_unpartitioned" e JOIN "transactions" t ON t."id" = e."transaction_id";

INSERT INTO "event_payloads" ("event_id", "payload", "storage_day")
SELECT p."event_id", p."payload", e."storage_day"
FROM "event_payloads_unpartitioned" p JOIN "events" e ON e."id" = p."event_id";

DROP TABLE "event_payloads_unpartitioned";
DROP TABLE "events_unpartitioned";

ALTER TABLE "events" ADD CONSTRAINT "events_pkey" PRIMARY KEY ("id", "storage_day");
-- Ingest idempotency: a re-sent event meets its first copy in its transaction's partition.
CREATE UNIQUE INDEX "events_sender_system_id_event_id_storage_day_key"
    ON "events"("sender_system_id", "event_id", "storage_day");
CREATE INDEX "events_transaction_id_occurred_at_idx" ON "events"("transaction_id", "occurred_at");
ALTER TABLE "events" ADD CONSTRAINT "events_transaction_id_fkey" FOREIGN KEY ("transaction_id")
    REFERENCES "transactions"("id") ON DELETE RESTRICT ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "event_payloads" ADD CONSTRAINT "event_payloads_pkey" PRIMARY KEY ("event_id", "storage_day");

-- Retention deletes expired closed transactions with crossdock.retention set: their rollup
-- contributions stay (rollups are kept for years, raw rows for months). Every other delete
-- (the cleanup of a transaction whose only event was a duplicate) still retracts. Restoring
-- from the archive inserts them back with the same setting: the rollups still count them.
CREATE OR REPLACE FUNCTION "rollup_capture_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE changes rollup_change[];
BEGIN
    IF current_setting('crossdock.retention', true) = 'on' THEN RETURN NULL; END IF;
    changes := array(SELECT rollup_change_of(n, 1, false, false) FROM new_rows n);
    IF cardinality(changes) > 0 THEN PERFORM append_rollup_deltas(changes); END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "rollup_capture_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE changes rollup_change[];
BEGIN
    IF current_setting('crossdock.retention', true) = 'on' THEN RETURN NULL; END IF;
    changes := array(SELECT rollup_change_of(o, -1, o.status = 'succeeded', o.error_signature IS NOT NULL) FROM old_rows o);
    IF cardinality(changes) > 0 THEN PERFORM append_rollup_deltas(changes); END IF;
    RETURN NULL;
END
$$;

-- How long each kind of data is kept, set by an admin (one row).
CREATE TABLE "retention_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "payload_days" INTEGER NOT NULL DEFAULT 14,
    "event_days" INTEGER NOT NULL DEFAULT 396,
    "rollup_days" INTEGER NOT NULL DEFAULT 1826,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT,
    CONSTRAINT "retention_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "retention_settings_one_row" CHECK ("id" = 1)
);
INSERT INTO "retention_settings" ("id") VALUES (1);

-- What each retention run did: partitions archived and dropped, open work kept, rows removed.
CREATE TABLE "retention_runs" (
    "id" SERIAL NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" TEXT NOT NULL DEFAULT 'running',
    "summary" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    CONSTRAINT "retention_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "retention_runs_started_at_idx" ON "retention_runs"("started_at");
