-- Sign-in rate limits (rate-limiter-flexible's table layout) and payload redaction rules.

CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "redaction_rules" (
    "id" SERIAL NOT NULL,
    "path" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "redaction_rules_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "redaction_rules_path_key" ON "redaction_rules"("path");

-- The defaults: personal data and payment details that middleware payloads commonly carry.
INSERT INTO "redaction_rules" ("path", "created_by") VALUES
    ('customer.email', 'default'),
    ('customer.phone', 'default'),
    ('shipTo.address', 'default'),
    ('shipTo.phone', 'default'),
    ('billTo.address', 'default'),
    ('contact.email', 'default'),
    ('contact.phone', 'default'),
    ('payment.card', 'default'),
    ('payment.iban', 'default');
