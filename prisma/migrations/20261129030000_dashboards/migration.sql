-- Dashboards: hourly rollups of the transactions table, kept exact by recomputing the
-- hours whose transactions changed ("dirty" hours), and the indexes the live views need.
--
-- Why recompute instead of incrementing: a transaction's status moves (in_flight ->
-- succeeded, failed -> replaying -> succeeded) and is re-derived from its full event set,
-- so counters bumped per event would drift. An hour's figures are a pure function of the
-- transactions that started in it; recomputing that hour from those rows is exact no
-- matter how often or in which order their events arrived.

-- A transaction belongs to the hour of its first event; the refresher reads one hour at a time.
CREATE INDEX "transactions_first_event_at_idx" ON "transactions"("first_event_at");

-- Open work, now covering what the stuck and value-at-risk views read, so they are
-- index-only scans over the (small) open part of the table instead of one random heap
-- read per open transaction. Same key and predicate as before; only wider entries.
-- Not expressible in schema.prisma (partial, INCLUDE).
DROP INDEX "transactions_open_idx";
CREATE INDEX "transactions_open_idx" ON "transactions"("workflow_id", "last_event_at")
    INCLUDE ("error_code", "site_id", "status", "current_layer", "failed_layer", "error_signature", "error_message",
             "target_system", "value_amount", "value_currency")
    WHERE "status" NOT IN ('succeeded', 'resolved', 'cancelled');

-- Hours to recompute. Append-only on purpose (no unique key): concurrent ingest batches
-- marking the same hour never wait for each other, which a unique key with ON CONFLICT
-- would make them do. The refresher deletes the rows it consumed.
CREATE TABLE "rollup_dirty" (
    "id" BIGSERIAL NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "marked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rollup_dirty_pkey" PRIMARY KEY ("id")
);

-- Per hour (of first event) x workflow x site. site_id 0: transactions without a site
-- (a key column cannot be NULL; 0 never matches a site, so site-scoped users do not see them).
CREATE TABLE "rollup_hourly" (
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
    CONSTRAINT "rollup_hourly_pkey" PRIMARY KEY ("bucket", "workflow_id", "site_id")
);

-- Log-scale histograms (bin = floor(ln(ms) / ln(1.05)) + 1, bin 0 for < 1 ms; see
-- lib/domain/dashboard/histogram.ts): percentiles within ~2.5% of exact, and mergeable
-- across hours, workflows and sites, which exact percentiles are not. One row per cell,
-- the occupied bins (ascending) and their counts as two parallel comma-separated lists:
-- one row per bin made a 24-hour overview read ~120,000 rows at 10M; one row per cell
-- reads ~1,500, and the reader adds the bins up. Text rather than int[] because turning
-- ~300,000 array elements into text on every read (array_out) cost ~30 ms; the lists are
-- written once per refresh instead.
-- metric: e2e (first event -> succeeded), resolution (first failure -> succeeded/resolved),
-- ship_to_invoice (keyed by the invoice: shipment confirmed at the WMS -> invoice posted).
CREATE TABLE "rollup_latency" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "workflow_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "bins" TEXT NOT NULL,
    "counts" TEXT NOT NULL,
    CONSTRAINT "rollup_latency_pkey" PRIMARY KEY ("bucket", "metric", "workflow_id", "site_id")
);

-- The same histograms summed per UTC day: a 7-day window reads ~7 rows per cell instead
-- of ~168, which is what keeps week-long percentiles fast at 10M transactions. Rebuilt by the
-- refresher for the days of the hours it recomputed.
CREATE TABLE "rollup_latency_daily" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "workflow_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "bins" TEXT NOT NULL,
    "counts" TEXT NOT NULL,
    CONSTRAINT "rollup_latency_daily_pkey" PRIMARY KEY ("bucket", "metric", "workflow_id", "site_id")
);

-- Transactions whose (last) failure has this error signature, per hour of first event.
-- Value per currency: one row per currency, so different currencies are never added.
CREATE TABLE "rollup_failures" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "workflow_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "error_signature" TEXT NOT NULL,
    "value_currency" TEXT NOT NULL,
    "layer" TEXT NOT NULL,
    "target_system" TEXT NOT NULL,
    "error_code" TEXT,
    "transactions" INTEGER NOT NULL,
    "open" INTEGER NOT NULL,
    "value_amount" DECIMAL(18,4) NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rollup_failures_pkey" PRIMARY KEY ("bucket", "workflow_id", "site_id", "error_signature", "value_currency")
);

-- The same per UTC day (first_seen/last_seen are min/max, the rest sums), for long windows.
CREATE TABLE "rollup_failures_daily" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "workflow_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "error_signature" TEXT NOT NULL,
    "value_currency" TEXT NOT NULL,
    "layer" TEXT NOT NULL,
    "target_system" TEXT NOT NULL,
    "error_code" TEXT,
    "transactions" INTEGER NOT NULL,
    "open" INTEGER NOT NULL,
    "value_amount" DECIMAL(18,4) NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rollup_failures_daily_pkey" PRIMARY KEY ("bucket", "workflow_id", "site_id", "error_signature", "value_currency")
);

-- Shipment confirmations without a posted invoice, whatever their age (the SLA is applied
-- when read). Maintained by the refresher: a shipment is re-checked when its hour or the
-- hour of an invoice posting that references it (by shipment, else by load) is dirty.
-- held_at: shipment_not_delivered | invoice_failed | awaiting_invoice.
CREATE TABLE "unposted_shipments" (
    "transaction_id" UUID NOT NULL,
    "site_id" INTEGER NOT NULL,
    "load_id" TEXT NOT NULL,
    "shipment_id" TEXT,
    "shipped_at" TIMESTAMPTZ(3) NOT NULL,
    "value_amount" DECIMAL(18,4),
    "value_currency" CHAR(3),
    "held_at" TEXT NOT NULL,
    "error_code" TEXT,
    CONSTRAINT "unposted_shipments_pkey" PRIMARY KEY ("transaction_id")
);
CREATE INDEX "unposted_shipments_shipped_at_idx" ON "unposted_shipments"("shipped_at");

-- Not expressible in schema.prisma (partial): the first successful transaction per
-- workflow x site (time-to-onboard KPI) is then one index probe per pair.
CREATE INDEX "rollup_hourly_first_success_idx" ON "rollup_hourly"("workflow_id", "site_id", "first_success_at")
    WHERE "first_success_at" IS NOT NULL;
