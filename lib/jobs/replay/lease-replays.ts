import type { Pool } from "pg";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { claimTransactions } from "@/lib/services/replay/claim-transactions";
import { idempotencyKeyOf } from "@/lib/services/replay/replay-rules";
import type { DeliverPayload } from "./queue";

// Takes the next due replays of one replay or bulk for delivery: FOR UPDATE SKIP LOCKED
// so workers on several instances take disjoint rows, and a lease (lease_until) so rows
// of a worker that died mid-delivery become due again. Bulk items are claimed here, at
// delivery time, so an item someone replayed by hand meanwhile is skipped, not sent twice.

export interface LeasedReplay {
  id: string;
  transactionId: string;
  bulkId: string | null;
  systemId: number;
  attempts: number;
  endpoint: string;
  authHeader: string | null;
  timeoutMs: number;
  recordCheckUrl: string | null;
  limits: { concurrency: number; ratePerSecond: number };
  workflow: string;
  businessKey: string | null;
  traceId: string | null;
  idempotencyKey: string;
  body: Record<string, unknown>;
}

const DUE = `((r.status IN ('pending', 'queued') AND r.next_attempt_at <= now()) OR (r.status = 'delivering' AND r.lease_until < now()))`;

export function scopeSql(p: DeliverPayload): { sql: string; param: string } {
  return p.bulkId
    ? { sql: "r.bulk_id = $1::uuid", param: p.bulkId }
    : { sql: "r.id = $1::uuid", param: p.replayId ?? "" };
}

// liveWorkers: this worker sends at 1/liveWorkers of the target's rate (target-limiter.ts),
// so its batch takes that much longer; the lease allows for it.
export async function leaseReplays(
  pool: Pool,
  payload: DeliverPayload,
  limit: number,
  graceMs: number,
  liveWorkers = 1,
): Promise<LeasedReplay[]> {
  const scope = scopeSql(payload);
  const ids = await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{
      id: string;
      status: string;
      transaction_id: string;
      system_id: number | null;
      force: boolean;
      requested_by: string;
      reason: string | null;
    }>(
      `SELECT r.id, r.status, r.transaction_id, r.system_id, r.force, r.requested_by, r.reason FROM replays r
       WHERE ${scope.sql} AND ${DUE}
         AND NOT EXISTS (SELECT 1 FROM bulk_replays b WHERE b.id = r.bulk_id AND b.status = 'cancelled')
       ORDER BY r.created_at, r.id LIMIT $2 FOR UPDATE OF r SKIP LOCKED`,
      [scope.param, limit],
    );
    const pending = rows.filter((r) => r.status === "pending" && r.system_id !== null);
    const claimed = new Set<string>();
    for (const force of [false, true]) {
      const group = pending.filter((r) => r.force === force);
      if (group.length === 0) continue;
      const won = await claimTransactions(
        pool,
        client,
        group.map((r) => ({ replayId: r.id, transactionId: r.transaction_id })),
        {
          force,
          requestedBy: group[0]!.requested_by,
          reason: group[0]!.reason,
          edited: false,
        },
      );
      for (const r of group) if (won.has(r.transaction_id)) claimed.add(r.id);
    }
    const skipped = rows.filter((r) => r.status === "pending" && !claimed.has(r.id)).map((r) => r.id);
    if (skipped.length > 0) {
      await client.query(
        `UPDATE replays r SET status = 'skipped', finished_at = now(),
           message = CASE WHEN r.system_id IS NULL THEN 'No replay endpoint is configured for this transaction''s systems.'
                          ELSE 'Not replayed: the transaction is ' || replace(t.status, '_', ' ') || '.' END
         FROM transactions t WHERE t.id = r.transaction_id AND r.id = ANY($1::uuid[])`,
        [skipped],
      );
    }
    const leased = rows.filter((r) => r.status !== "pending" || claimed.has(r.id)).map((r) => r.id);
    await client.query(
      `UPDATE replays r SET status = 'delivering', attempts = r.attempts + 1,
         lease_until = now() + make_interval(secs => (2 * s.replay_timeout_ms + $2 + 1000.0 * $3 * $4 / s.replay_rate_per_second) / 1000.0)
       FROM systems s WHERE s.id = r.system_id AND r.id = ANY($1::uuid[])`,
      [leased, graceMs, limit, liveWorkers],
    );
    return leased;
  });
  return ids.length === 0 ? [] : loadDeliveries(pool, ids);
}

interface DeliveryRow {
  id: string;
  transaction_id: string;
  bulk_id: string | null;
  system_id: number;
  attempts: number;
  requested_by: string;
  reason: string | null;
  edited_payload: unknown;
  original_payload: unknown;
  external_id: string;
  workflow: string;
  business_key: string | null;
  trace_id: string | null;
  tx_attempts: number;
  order_id: string | null;
  shipment_id: string | null;
  load_id: string | null;
  invoice_id: string | null;
  sku: string | null;
  customer_id: string | null;
  last_error: { code: string | null; message: string | null; layer: string } | null;
  replay_endpoint: string;
  replay_auth_header: string | null;
  replay_timeout_ms: number;
  record_check_url: string | null;
  replay_concurrency: number;
  replay_rate_per_second: number;
}

async function loadDeliveries(pool: Pool, ids: string[]): Promise<LeasedReplay[]> {
  const { rows } = await pool.query<DeliveryRow>(
    `SELECT r.id, r.transaction_id, r.bulk_id, r.system_id, r.attempts, r.requested_by, r.reason, r.edited_payload,
            (SELECT p.payload FROM events e JOIN event_payloads p ON p.event_id = e.id
             WHERE e.transaction_id = t.id AND e.event_id NOT LIKE 'crossdock:%' ORDER BY e.occurred_at, e.id LIMIT 1) AS original_payload,
            t.external_id, w.name AS workflow, t.business_key, t.trace_id, t.attempts AS tx_attempts,
            t.order_id, t.shipment_id, t.load_id, t.invoice_id, t.sku, t.customer_id,
            -- The last error the systems reported, not Crossdock's own replay steps: after a
            -- dead-lettered replay the middleware still needs the business cause.
            (SELECT json_build_object('code', e.error_code, 'message', e.error_message, 'layer', e.layer) FROM events e
             WHERE e.transaction_id = t.id AND e.event_id NOT LIKE 'crossdock:%' AND e.stage IN ('failed', 'dead_lettered', 'retry_scheduled') AND e.error_code IS NOT NULL
             ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1) AS last_error,
            s.replay_endpoint, s.replay_auth_header, s.replay_timeout_ms, s.record_check_url, s.replay_concurrency, s.replay_rate_per_second
     FROM replays r JOIN transactions t ON t.id = r.transaction_id JOIN workflows w ON w.id = t.workflow_id
     JOIN systems s ON s.id = r.system_id
     WHERE r.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.filter((r) => r.replay_endpoint).map(toLeased);
}

function toLeased(r: DeliveryRow): LeasedReplay {
  return {
    id: r.id,
    transactionId: r.transaction_id,
    bulkId: r.bulk_id,
    systemId: r.system_id,
    attempts: r.attempts,
    endpoint: r.replay_endpoint,
    authHeader: r.replay_auth_header ? decryptSecret(r.replay_auth_header) : null,
    timeoutMs: r.replay_timeout_ms,
    recordCheckUrl: r.record_check_url,
    limits: { concurrency: r.replay_concurrency, ratePerSecond: r.replay_rate_per_second },
    workflow: r.workflow,
    businessKey: r.business_key,
    traceId: r.trace_id,
    idempotencyKey: idempotencyKeyOf(r.transaction_id),
    body: {
      transactionId: r.external_id,
      crossdockId: r.transaction_id,
      workflow: r.workflow,
      refs: {
        orderId: r.order_id,
        shipmentId: r.shipment_id,
        loadId: r.load_id,
        invoiceId: r.invoice_id,
        sku: r.sku,
        customerId: r.customer_id,
      },
      businessKey: r.business_key,
      payload: r.edited_payload ?? r.original_payload,
      replayId: r.id,
      requestedBy: r.requested_by,
      reason: r.reason,
      lastError: r.last_error?.code
        ? { code: r.last_error.code, message: r.last_error.message?.slice(0, 4000) ?? null, layer: r.last_error.layer }
        : null,
      attempt: r.tx_attempts + 1,
    },
  };
}
