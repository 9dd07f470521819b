-- A transaction's storage day becomes the UTC day of its first event, no earlier than 7 days
-- before it is stored (README, "Storage and retention"); ingest computes it. Two changes in
-- the database follow:
--
-- 1. The partitions of the past 7 days exist, so a sender's backlog of up to a week lands in
--    its own days rather than in the default partition. The worker keeps this window.
--
-- 2. events no longer carry a foreign key to transactions. The key cannot be pruned to a
--    day: every transaction retention deletes cost a probe of every events partition
--    (about 1 ms each, measured), and every event ingested took a key-share lock on its
--    transaction at commit. Ingest and replay write an event and its transaction in the
--    same database transaction; retention deletes a transaction only once none of its
--    events is left (event_payloads has had no key to events for the same reason).
ALTER TABLE "events" DROP CONSTRAINT "events_transaction_id_fkey";

SELECT ensure_storage_partitions((now() AT TIME ZONE 'UTC')::date - 7, (now() AT TIME ZONE 'UTC')::date + 7);
