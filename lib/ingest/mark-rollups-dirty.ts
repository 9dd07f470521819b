import type { PoolClient } from "pg";

// Records, in the ingest batch's own database transaction, the hours whose rollups this
// batch may change; lib/jobs/refresh-rollups.ts recomputes them later. One statement per
// batch, however many events it holds.
//
// Rollups are keyed by the hour of a transaction's first event. Called before the batch's
// transactions are re-derived (their rows are locked by then, so what we read is current):
// a transaction's hour after the batch is either its hour now (first_event_at) or, when
// the batch brings an earlier event, the hour of one of the batch's events. Marking both
// covers every hour whose figures can move: status, workflow and site changes included,
// since the refresher recomputes whole hours.
export async function markRollupsDirty(client: PoolClient, transactionIds: readonly string[], eventTimes: readonly Date[]): Promise<void> {
  await client.query(
    `INSERT INTO rollup_dirty (bucket)
     SELECT DISTINCT date_trunc('hour', at, 'UTC') FROM (
       SELECT first_event_at AS at FROM transactions WHERE id = ANY($1::uuid[])
       UNION ALL SELECT unnest($2::timestamptz[])
     ) touched`,
    [transactionIds, eventTimes],
  );
}
