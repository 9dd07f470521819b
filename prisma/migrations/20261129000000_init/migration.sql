-- Crossdock data model v1.

CREATE TABLE "sites" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "registered" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sites_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sites_code_key" ON "sites"("code");

CREATE TABLE "systems" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "site_id" INTEGER,
    "replay_endpoint" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "systems_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "systems_name_key" ON "systems"("name");
ALTER TABLE "systems" ADD CONSTRAINT "systems_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "workflows" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "source_kind" TEXT,
    "target_kind" TEXT,
    "owner" TEXT,
    "system_of_record" TEXT,
    "sla_minutes" INTEGER NOT NULL DEFAULT 60,
    "registered" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "workflows_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "workflows_name_key" ON "workflows"("name");

CREATE TABLE "transactions" (
    "id" UUID NOT NULL,
    "sender_system_id" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "workflow_id" INTEGER NOT NULL,
    "site_id" INTEGER,
    "source_system" TEXT,
    "target_system" TEXT,
    "business_key" TEXT,
    "order_id" TEXT,
    "shipment_id" TEXT,
    "load_id" TEXT,
    "invoice_id" TEXT,
    "sku" TEXT,
    "customer_id" TEXT,
    "value_amount" DECIMAL(18,4),
    "value_currency" CHAR(3),
    "quantity" DECIMAL(18,4),
    "status" TEXT NOT NULL,
    "current_layer" TEXT NOT NULL,
    "failed_layer" TEXT,
    "error_code" TEXT,
    "error_message" TEXT,
    "error_signature" TEXT,
    "ever_failed" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "event_count" INTEGER NOT NULL DEFAULT 0,
    "first_event_at" TIMESTAMPTZ(3) NOT NULL,
    "last_event_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "latency_ms" INTEGER,
    "trace_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "transactions_pkey" PRIMARY KEY ("id")
);
-- Not unique on purpose: "id" is derived from (sender_system_id, external_id), and a second
-- unique index would make concurrent ingest of one new transaction fail instead of wait.
CREATE INDEX "transactions_sender_system_id_external_id_idx" ON "transactions"("sender_system_id", "external_id");
CREATE INDEX "transactions_external_id_idx" ON "transactions"("external_id");
CREATE INDEX "transactions_last_event_at_id_idx" ON "transactions"("last_event_at" DESC, "id" DESC);
CREATE INDEX "transactions_workflow_id_last_event_at_idx" ON "transactions"("workflow_id", "last_event_at");
CREATE INDEX "transactions_business_key_idx" ON "transactions"("business_key");
CREATE INDEX "transactions_order_id_idx" ON "transactions"("order_id");
CREATE INDEX "transactions_shipment_id_idx" ON "transactions"("shipment_id");
CREATE INDEX "transactions_load_id_idx" ON "transactions"("load_id");
CREATE INDEX "transactions_invoice_id_idx" ON "transactions"("invoice_id");
CREATE INDEX "transactions_sku_idx" ON "transactions"("sku");
CREATE INDEX "transactions_customer_id_idx" ON "transactions"("customer_id");
CREATE INDEX "transactions_trace_id_idx" ON "transactions"("trace_id");
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_sender_system_id_fkey" FOREIGN KEY ("sender_system_id") REFERENCES "systems"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- Not expressible in schema.prisma: the open (not final) work that "stuck" queries scan.
CREATE INDEX "transactions_open_idx" ON "transactions"("workflow_id", "last_event_at") INCLUDE ("error_code")
    WHERE "status" NOT IN ('succeeded', 'resolved', 'cancelled');

CREATE TABLE "events" (
    "id" BIGSERIAL NOT NULL,
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
    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "events_sender_system_id_event_id_key" ON "events"("sender_system_id", "event_id");
CREATE INDEX "events_transaction_id_occurred_at_idx" ON "events"("transaction_id", "occurred_at");
ALTER TABLE "events" ADD CONSTRAINT "events_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "event_payloads" (
    "event_id" BIGINT NOT NULL,
    "payload" JSONB NOT NULL,
    CONSTRAINT "event_payloads_pkey" PRIMARY KEY ("event_id")
);
ALTER TABLE "event_payloads" ADD CONSTRAINT "event_payloads_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT,
    "role" TEXT NOT NULL,
    "sites" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "api_keys" (
    "id" SERIAL NOT NULL,
    "name" TEXT,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "system_id" INTEGER NOT NULL,
    "scopes" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only: the app never updates or deletes audit rows.
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");
CREATE INDEX "audit_log_actor_at_idx" ON "audit_log"("actor", "at");
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");
