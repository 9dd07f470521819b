import type { Pool, PoolClient } from "pg";
import type { Layer, Stage } from "@/lib/domain/vocabulary";
import { rederiveTransactions } from "@/lib/ingest/store-events";

// Crossdock's own steps on a transaction's trace (replay requested, retry scheduled,
// dead-lettered, resolved, cancelled) are stored as events like any other, under the
// transaction's sender system, and the transaction is re-derived from its events: status
// stays a function of the trace, never a field a service sets on its own.

export interface ReplayEvent {
  transactionId: string;
  eventId: string; // stable per step ("crossdock:<replayId>:requested"), so a redo is a duplicate
  stage: Stage;
  layer: Layer;
  errorCode?: string | null;
  errorMessage?: string | null;
  retryable?: boolean | null;
  note: Record<string, unknown>; // who, why: kept as the event's payload
}

export async function appendReplayEvents(pool: Pool, client: PoolClient, events: ReplayEvent[]): Promise<void> {
  if (events.length === 0) return;
  const col = <T>(get: (e: ReplayEvent) => T) => events.map(get);
  const { rows } = await client.query<{ id: string; event_id: string; day: string }>(
    `INSERT INTO events (sender_system_id, event_id, transaction_id, workflow, stage, layer, occurred_at,
                         source_system, target_system, site, business_key, error_code, error_message, error_retryable, trace_id,
                         storage_day)
     SELECT t.sender_system_id, v.event_id, t.id, w.name, v.stage, v.layer, clock_timestamp(),
            t.source_system, t.target_system, s.code, t.business_key, v.error_code, v.error_message, v.retryable, t.trace_id,
            t.storage_day
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])
          AS v(tx, event_id, stage, layer, error_code, error_message, retryable)
     JOIN transactions t ON t.id = v.tx
     JOIN workflows w ON w.id = t.workflow_id
     LEFT JOIN sites s ON s.id = t.site_id
     ON CONFLICT (sender_system_id, event_id, storage_day) DO NOTHING
     RETURNING id, event_id, storage_day::text AS day`,
    [
      col((e) => e.transactionId),
      col((e) => e.eventId),
      col((e) => e.stage),
      col((e) => e.layer),
      col((e) => e.errorCode ?? null),
      col((e) => e.errorMessage ?? null),
      col((e) => e.retryable ?? null),
    ],
  );
  const note = new Map(events.map((e) => [e.eventId, JSON.stringify(e.note)]));
  if (rows.length > 0) {
    await client.query(
      `INSERT INTO event_payloads (event_id, payload, storage_day)
       SELECT * FROM unnest($1::bigint[], $2::json[], $3::date[]) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.id), rows.map((r) => note.get(r.event_id)!), rows.map((r) => r.day)],
    );
  }
  const ids = [...new Set(events.map((e) => e.transactionId))];
  // Lock the rows before reading their events, in id order as ingest does
  // (lib/ingest/store-events.ts): an outcome the target reports meanwhile is then either
  // read here or re-derived after this commits, never overwritten by a state derived
  // without it.
  await client.query("SELECT 1 FROM transactions WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE", [ids]);
  await rederiveTransactions(pool, client, ids);
}
