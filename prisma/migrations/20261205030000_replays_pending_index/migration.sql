-- Bulk replay items wait as 'pending' (replays_open_idx covers queued and delivering only);
-- health asks for the oldest due one on every probe, so it must not scan all replays.
CREATE INDEX "replays_pending_idx" ON "replays"("next_attempt_at") WHERE "status" = 'pending';
