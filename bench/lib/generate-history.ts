// Realistic transaction history generated inside PostgreSQL (generate_series), so loading
// ten million rows takes minutes: transaction i started i x SPACING_MS before `now`
// (10M rows = 30 days). Workflows repeat in a fixed pattern of 20 slots, so every invoice
// posting references one older shipment confirmation (by shipment id and load; a
// permutation within blocks of 60 cycles, so each shipment gets exactly one invoice,
// seconds to ~10 minutes later), the way the ERP's billing run follows shipments. Events (4 per transaction) and
// payloads only for the newest transactions, like a retention window on the trace.
import type pg from "pg";

export const SPACING_MS = 259.2;

// layer, target ('*' = the workflow's target), code, message as normalised in signatures
const ERRORS = [
  ["target_api", "*", "CUSTOMER_MASTER_INVALID", "Customer <id> failed validation: missing tax jurisdiction"],
  ["target_api", "*", "INVOICE_PERIOD_CLOSED", "Posting period <n> is closed"],
  ["target_api", "*", "HTTP_503", "Service unavailable"],
  ["target_api", "*", "DUPLICATE_DOCUMENT", "Document <id> already exists"],
  ["middleware", "*", "MAPPING_ERROR", "Unit of measure <id> has no mapping"],
  ["middleware", "*", "SCHEMA_VALIDATION", "Field <str> is required"],
  ["broker", "*", "QUEUE_FULL", "Queue <str> is full"],
  ["broker", "*", "TTL_EXPIRED", "Message expired after <n> ms"],
  ["source_api", "*", "TIMEOUT", "Read timed out after <n> ms"],
  ["target_api", "*", "AUTH_EXPIRED", "Token expired"],
  ["target_api", "*", "LOCKED_RECORD", "Record <id> is locked by another user"],
  ["middleware", "*", "SCRIPT_ERROR", "TypeError in step <n>"],
];

const SLOT_WORKFLOW = `CASE WHEN i % 100000 = 7 THEN 'inventory_snapshot' ELSE (ARRAY[
  'order_release','order_release','order_release','pick_confirmation','pick_confirmation','pack_confirmation',
  'pack_confirmation','goods_receipt','goods_receipt','shipment_confirmation','inventory_adjustment',
  'inventory_adjustment','invoice_posting','master_data_sync','master_data_sync','pick_confirmation',
  'returns','returns','pack_confirmation','order_release'])[i % 20 + 1] END`;

export async function generateTransactions(
  c: pg.ClientBase,
  lo: number,
  hi: number,
  now: Date,
  senderSystemId: number,
): Promise<void> {
  const errors = ERRORS.map(
    ([layer, target, code, message], k) => `(${k}, '${layer}', '${target}', '${code}', '${message}')`,
  ).join(", ");
  await c.query(
    `
    INSERT INTO transactions (id, sender_system_id, external_id, workflow_id, site_id, source_system, target_system,
      business_key, order_id, shipment_id, load_id, invoice_id, sku, customer_id, value_amount, value_currency, quantity,
      status, current_layer, failed_layer, error_code, error_message, error_signature, ever_failed, attempts, event_count,
      first_event_at, last_event_at, completed_at, latency_ms, trace_id)
    SELECT md5('bench-' || g.i)::uuid, $4, 'TX-' || g.i, w.id, s.id,
      CASE WHEN w.name IN ('order_release', 'master_data_sync', 'invoice_posting') THEN 'erp-cloud' ELSE 'wms-' || s.code END,
      g.target,
      CASE g.wf WHEN 'shipment_confirmation' THEN 'SHP-' || g.i WHEN 'invoice_posting' THEN 'INV-' || g.i
        WHEN 'order_release' THEN 'SO-' || g.i ELSE 'BK-' || g.i END,
      CASE WHEN g.wf IN ('order_release', 'pick_confirmation', 'pack_confirmation') THEN 'SO-' || g.i END,
      CASE g.wf WHEN 'shipment_confirmation' THEN 'SHP-' || g.i WHEN 'invoice_posting' THEN 'SHP-' || g.shipment END,
      CASE g.wf WHEN 'shipment_confirmation' THEN 'L-' || (g.i / 40) WHEN 'invoice_posting' THEN 'L-' || (g.shipment / 40) END,
      CASE WHEN g.wf = 'invoice_posting' THEN 'INV-' || g.i END,
      'SKU-' || (g.i % 5000), 'C-' || (g.i % 800),
      CASE WHEN g.valued THEN round((10 + g.r_val * 5000)::numeric, 2) END,
      CASE WHEN g.valued THEN (CASE WHEN g.r_cur < 0.7 THEN 'USD' WHEN g.r_cur < 0.9 THEN 'EUR' ELSE 'GBP' END) END,
      1 + g.i % 40,
      g.status,
      CASE WHEN g.status IN ('failed', 'dead_lettered', 'retrying') THEN e.layer WHEN g.status = 'in_flight' THEN 'broker' ELSE 'target_api' END,
      CASE WHEN g.ever_failed THEN e.layer END,
      CASE WHEN g.ever_failed THEN e.code END,
      CASE WHEN g.ever_failed THEN replace(replace(replace(e.message, '<id>', 'X-' || (g.i % 997)), '<n>', (g.i % 90)::text), '<str>', '''f' || (g.i % 7) || '''') END,
      CASE WHEN g.ever_failed THEN e.layer || '|' || g.target || '|' || e.code || ' ' || e.message END,
      g.ever_failed, CASE WHEN g.replayed THEN 2 ELSE 1 END, 4,
      g.t0,
      CASE WHEN g.final THEN g.t0 + g.latency * interval '1 ms' WHEN g.status = 'in_flight' THEN g.t0 + interval '2 s'
        ELSE g.t0 + (g.latency / 2) * interval '1 ms' END,
      CASE WHEN g.final THEN g.t0 + g.latency * interval '1 ms' END,
      CASE WHEN g.status = 'succeeded' THEN g.latency END,
      'tr-' || substr(md5(g.i::text), 1, 16)
    FROM (
      SELECT x.*,
        x.status IN ('succeeded', 'resolved', 'cancelled') AS final,
        x.status IN ('failed', 'dead_lettered', 'retrying', 'resolved') OR x.replayed AS ever_failed,
        CASE WHEN x.wf IN ('order_release', 'master_data_sync') THEN 'wms-' || (ARRAY['east', 'central', 'south'])[x.site_k] ELSE 'erp-cloud' END AS target,
        x.wf IN ('order_release', 'shipment_confirmation', 'invoice_posting', 'returns') AS valued,
        least(3600000, greatest(5, exp(ln(900) + 0.9 * sqrt(-2 * ln(1 - x.u1)) * cos(2 * pi() * x.u2))))::int
          + CASE WHEN x.replayed THEN (600000 + x.u2 * 3000000)::int ELSE 0 END AS latency
      FROM (
        SELECT i, ${SLOT_WORKFLOW} AS wf,
          $3::timestamptz - (i * ${SPACING_MS}) * interval '1 ms' AS t0,
          20 * (60 * ((i / 20) / 60 + 1) + (7 * ((i / 20) % 60)) % 60) + 9 AS shipment,
          CASE WHEN r < 0.55 THEN 1 WHEN r < 0.85 THEN 2 ELSE 3 END AS site_k,
          CASE WHEN i * ${SPACING_MS} < 120000 THEN 'in_flight'
            WHEN rs < 0.006 THEN 'failed' WHEN rs < 0.008 THEN 'dead_lettered' WHEN rs < 0.011 THEN 'in_flight'
            WHEN rs < 0.012 THEN 'retrying' WHEN rs < 0.015 THEN 'resolved' WHEN rs < 0.016 THEN 'cancelled'
            ELSE 'succeeded' END AS status,
          rs >= 0.016 AND rs < 0.031 AS replayed,
          floor(re * ${ERRORS.length})::int AS err_k, rv AS r_val, rc AS r_cur, u1, u2
        FROM (SELECT i, random() AS r, random() AS rs, random() AS re, random() AS rv, random() AS rc, random() AS u1, random() AS u2
              FROM generate_series($1::bigint, $2::bigint - 1) i) r
      ) x
    ) g
    JOIN workflows w ON w.name = g.wf
    JOIN sites s ON s.code = (ARRAY['east', 'central', 'south'])[g.site_k]
    JOIN (VALUES ${errors}) e(k, layer, target, code, message) ON e.k = g.err_k`,
    [lo, hi, now, senderSystemId],
  );
}

// Four events per transaction (the last one the outcome) and a ~0.6 KB document on the
// first, for the transactions that started at or after `since`.
export async function generateEvents(c: pg.ClientBase, since: Date): Promise<void> {
  await c.query(
    `INSERT INTO events (sender_system_id, event_id, transaction_id, workflow, stage, layer, occurred_at, duration_ms,
       source_system, target_system, site, business_key, value_amount, value_currency, error_code, error_message,
       error_retryable, attempt, trace_id, span_id, storage_day)
     SELECT t.sender_system_id, t.external_id || '-' || k, t.id, w.name,
       CASE k WHEN 1 THEN 'received' WHEN 2 THEN 'transformed' WHEN 3 THEN 'published'
         ELSE CASE WHEN t.status IN ('failed', 'dead_lettered') THEN 'failed' WHEN t.status = 'in_flight' THEN 'published' ELSE 'acknowledged' END END,
       CASE k WHEN 1 THEN 'source_api' WHEN 2 THEN 'middleware' WHEN 3 THEN 'broker' ELSE coalesce(t.failed_layer, 'target_api') END,
       CASE WHEN k = 4 THEN t.last_event_at ELSE t.first_event_at + (k - 1) * (t.last_event_at - t.first_event_at) / 4 END,
       10 * k, t.source_system, t.target_system, s.code, t.business_key,
       CASE WHEN k = 1 THEN t.value_amount END, CASE WHEN k = 1 THEN t.value_currency END,
       CASE WHEN k = 4 AND t.status IN ('failed', 'dead_lettered') THEN t.error_code END,
       CASE WHEN k = 4 AND t.status IN ('failed', 'dead_lettered') THEN t.error_message END,
       CASE WHEN k = 4 AND t.status IN ('failed', 'dead_lettered') THEN false END,
       t.attempts, t.trace_id, substr(md5(t.external_id || k), 1, 16), t.storage_day
     FROM transactions t JOIN workflows w ON w.id = t.workflow_id LEFT JOIN sites s ON s.id = t.site_id
     CROSS JOIN generate_series(1, 4) k
     WHERE t.first_event_at >= $1`,
    [since],
  );
  await c.query(
    `INSERT INTO event_payloads (event_id, payload, storage_day)
     SELECT e.id, jsonb_build_object(
       'documentType', e.workflow, 'businessKey', e.business_key, 'site', e.site, 'traceId', e.trace_id,
       'customer', jsonb_build_object('id', 'C-' || (e.id % 800), 'email', '[redacted]', 'tier', 'gold'),
       'lines', (SELECT jsonb_agg(jsonb_build_object('line', n, 'sku', 'SKU-' || ((e.id + n) % 5000), 'qty', 1 + (e.id + n) % 12,
                   'uom', 'EA', 'location', 'A-' || n || '-' || (e.id % 40))) FROM generate_series(1, 5) n)), e.storage_day
     FROM events e WHERE e.stage = 'received' AND e.occurred_at >= $1`,
    [since],
  );
  // What deriving from those events gives (the failure is the outcome event, on the last attempt).
  await c.query(
    `UPDATE transactions SET first_attempt_failed = attempts = 1, first_failure_at = last_event_at
     WHERE first_event_at >= $1 AND status IN ('failed', 'dead_lettered')`,
    [since],
  );
}
