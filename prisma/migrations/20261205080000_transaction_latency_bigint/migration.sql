-- A transaction's end-to-end latency in milliseconds overflowed int4 past 24.8 days (a
-- return or an invoice that takes a month is ordinary), and the overflow failed the whole
-- ingest batch. bigint holds any latency. Rewrites `transactions` and rebuilds its indexes:
-- lib/postgres/migration-preflight.ts says how long before it starts.
ALTER TABLE "transactions" ALTER COLUMN "latency_ms" SET DATA TYPE BIGINT;

-- The rollup triggers' record of a transaction's change carries the latency too.
ALTER TYPE "rollup_change" ALTER ATTRIBUTE "latency_ms" SET DATA TYPE BIGINT;
