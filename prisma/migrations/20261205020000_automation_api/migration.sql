-- Automation replays and resolves over HTTP (README, "Replay and resolve API").

-- The sites an API key may act on (replay, resolve, cancel, read), like a user's sites:
-- empty means every site.
ALTER TABLE "api_keys" ADD COLUMN "sites" TEXT[] NOT NULL DEFAULT '{}';

-- Idempotency-Key results per API key: a retried call answers the first call's result
-- instead of starting anything again. A row without a status is a call still running.
-- `response` is json, not jsonb, so a repeated call gets the first answer byte for byte.
-- Rows are kept until expires_at (API_IDEMPOTENCY_TTL_HOURS); expired ones are deleted as
-- new keys arrive, and an expired key may be used again.
CREATE TABLE "api_idempotency_keys" (
    "api_key_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status_code" INTEGER,
    "response" JSON,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "api_idempotency_keys_pkey" PRIMARY KEY ("api_key_id", "key")
);
CREATE INDEX "api_idempotency_keys_expires_at_idx" ON "api_idempotency_keys"("expires_at");

ALTER TABLE "api_idempotency_keys" ADD CONSTRAINT "api_idempotency_keys_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
