-- Alerts: rules evaluated by the worker (lib/jobs/evaluate-alerts.ts), the channels they
-- notify, the alerts they open and every notification sent for them.
--
-- Notifications are an outbox: the evaluation inserts them in the same database
-- transaction that opens, repeats or resolves an alert, and delivery claims them afterwards
-- with a conditional update and sends outside any transaction. So a notification exists
-- exactly when its alert changed, is sent once even with several workers, and a failed
-- send stays recorded and is retried on the next evaluation.

-- Where notifications go. Secrets (a webhook URL, which usually carries its token, or an
-- SMTP password) are stored encrypted (lib/crypto/secret-box.ts); settings hold the rest.
CREATE TABLE "alert_channels" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "secret" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_channels_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alert_channels_kind_check" CHECK ("kind" IN ('webhook', 'slack', 'email'))
);
CREATE UNIQUE INDEX "alert_channels_name_key" ON "alert_channels"("name");

-- One condition on one workflow (and optionally one site), or on one source system for
-- no_traffic. threshold: percent for failure_rate, a count for stuck_count, an amount in
-- `currency` for stuck_value, minutes for p95_latency (NULL: the workflow's SLA).
CREATE TABLE "alert_rules" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "workflow_id" INTEGER,
    "site_id" INTEGER,
    "system_id" INTEGER,
    "threshold" DECIMAL(18,4),
    "currency" CHAR(3),
    "window_minutes" INTEGER NOT NULL DEFAULT 15,
    "min_count" INTEGER NOT NULL DEFAULT 10,
    "repeat_minutes" INTEGER NOT NULL DEFAULT 60,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alert_rules_kind_check" CHECK ("kind" IN ('failure_rate', 'stuck_count', 'stuck_value', 'p95_latency', 'no_traffic')),
    CONSTRAINT "alert_rules_target_check" CHECK (("kind" = 'no_traffic' AND "system_id" IS NOT NULL) OR ("kind" <> 'no_traffic' AND "workflow_id" IS NOT NULL)),
    CONSTRAINT "alert_rules_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "alert_rules_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "alert_rules_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "alert_rules_name_key" ON "alert_rules"("name");

CREATE TABLE "alert_rule_channels" (
    "rule_id" INTEGER NOT NULL,
    "channel_id" INTEGER NOT NULL,
    CONSTRAINT "alert_rule_channels_pkey" PRIMARY KEY ("rule_id", "channel_id"),
    CONSTRAINT "alert_rule_channels_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "alert_rule_channels_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- An incident: opened when a rule's condition became true, resolved when it cleared. The
-- rule's name is kept so the history still reads after the rule is deleted.
CREATE TABLE "alerts" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" INTEGER,
    "rule_name" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "value" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "last_notified_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alerts_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "alerts_opened_at_idx" ON "alerts"("opened_at");
-- At most one open alert per rule, whatever two evaluations racing would try.
-- Not expressible in schema.prisma (partial).
CREATE UNIQUE INDEX "alerts_open_rule_key" ON "alerts"("rule_id") WHERE "resolved_at" IS NULL;

-- One message to one channel: fired, repeated or recovered. `message` is the content as
-- built when the alert changed, so a retry sends the same thing.
CREATE TABLE "alert_notifications" (
    "id" BIGSERIAL NOT NULL,
    "alert_id" BIGINT NOT NULL,
    "channel_id" INTEGER,
    "channel_name" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "message" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lease_until" TIMESTAMPTZ(3),
    "response" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    CONSTRAINT "alert_notifications_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alert_notifications_event_check" CHECK ("event" IN ('fired', 'repeated', 'recovered')),
    CONSTRAINT "alert_notifications_status_check" CHECK ("status" IN ('pending', 'sending', 'sent', 'failed')),
    CONSTRAINT "alert_notifications_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "alert_notifications_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "alert_notifications_alert_id_idx" ON "alert_notifications"("alert_id");
-- What delivery claims: the small unsent part of the table.
-- Not expressible in schema.prisma (partial).
CREATE INDEX "alert_notifications_unsent_idx" ON "alert_notifications"("id") WHERE "status" IN ('pending', 'sending', 'failed');
