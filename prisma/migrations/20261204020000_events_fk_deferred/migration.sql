-- Ingest writes a batch's events and payloads before it inserts or locks the transaction
-- rows (lib/ingest/store-events.ts), so that concurrent batches sharing a transaction hold
-- its row lock only over re-derivation and commit. The events' foreign key is therefore
-- checked at commit, when the transaction row exists. Not expressible in schema.prisma.
ALTER TABLE "events" ALTER CONSTRAINT "events_transaction_id_fkey" DEFERRABLE INITIALLY DEFERRED;
