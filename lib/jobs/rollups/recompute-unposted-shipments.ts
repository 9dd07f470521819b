import type { PoolClient } from "pg";
import { HOUR_JOIN, IN_HOURS, WORKFLOW_IDS } from "./rollup-sql";

// A shipment's "unposted" state depends on itself and on the invoice postings that
// reference it, so it is re-checked when either one changes (lib/jobs/rollups/fold-touched.ts)
// or either one's hour is rebuilt.
//
// Only the reference columns may drive the lookups between shipments and invoices, so
// `workflow_id + 0` and `num_nulls(shipment_id) = 1` are written to be unindexable. While
// a backfill grows the table faster than autovacuum analyzes it, the planner believed
// "one workflow" and "shipment_id IS NULL" were selective and ANDed their indexes in:
// every lookup then read every invoice posting and every row without a shipment (26 ms
// instead of 0.5 ms per shipment, about a minute per refresh during the demo's backfill).
export async function recomputeUnpostedShipments(client: PoolClient, hours: Date[]): Promise<void> {
  const { rows } = await client.query<{ id: string }>(
    `WITH ${IN_HOURS}, ${WORKFLOW_IDS},
     touched AS (SELECT t.id, t.workflow_id, t.shipment_id, t.load_id FROM h JOIN transactions t ON ${HOUR_JOIN})
     SELECT s.id FROM touched s CROSS JOIN wf WHERE s.workflow_id = wf.ship
     UNION
     SELECT s.id FROM touched i CROSS JOIN wf JOIN transactions s ON s.shipment_id = i.shipment_id AND s.workflow_id + 0 = wf.ship
     WHERE i.workflow_id = wf.inv
     UNION
     SELECT s.id FROM touched i CROSS JOIN wf JOIN transactions s ON s.load_id = i.load_id AND s.workflow_id + 0 = wf.ship
     WHERE i.workflow_id = wf.inv AND i.shipment_id IS NULL`,
    [hours],
  );
  if (rows.length > 0)
    await recheckUnpostedShipments(
      client,
      rows.map((r) => r.id),
    );
}

// The unposted state of these shipments now (ids that are not shipment confirmations, or
// no longer exist, just leave the table).
export async function recheckUnpostedShipments(client: PoolClient, ids: string[]): Promise<void> {
  await client.query(`DELETE FROM unposted_shipments WHERE transaction_id = ANY($1::uuid[])`, [ids]);
  // Posted: an invoice posting for it succeeded, or was resolved by hand (e.g. the ERP
  // already had the invoice). A cancelled shipment waits for no invoice.
  await client.query(
    `WITH ${WORKFLOW_IDS}
     INSERT INTO unposted_shipments (transaction_id, site_id, load_id, shipment_id, shipped_at, value_amount,
       value_currency, held_at, error_code)
     SELECT s.id, coalesce(s.site_id, 0), coalesce(s.load_id, s.shipment_id, s.business_key, s.external_id), s.shipment_id,
       s.first_event_at, s.value_amount, s.value_currency,
       CASE WHEN s.status NOT IN ('succeeded', 'resolved') THEN 'shipment_not_delivered'
            WHEN coalesce(inv.failing, false) THEN 'invoice_failed'
            ELSE 'awaiting_invoice' END,
       CASE WHEN s.status NOT IN ('succeeded', 'resolved') THEN s.error_code ELSE inv.error_code END
     FROM transactions s CROSS JOIN wf
     LEFT JOIN LATERAL (
       SELECT bool_or(i.status IN ('succeeded', 'resolved')) AS posted,
              bool_or(i.ever_failed OR i.status IN ('failed', 'dead_lettered', 'retrying')) AS failing,
              min(i.error_code) AS error_code
       FROM transactions i
       WHERE i.workflow_id + 0 = wf.inv AND (i.shipment_id = s.shipment_id OR (num_nulls(i.shipment_id) = 1 AND i.load_id = s.load_id))
     ) inv ON true
     WHERE s.id = ANY($1::uuid[]) AND s.workflow_id + 0 = wf.ship AND s.status <> 'cancelled' AND NOT coalesce(inv.posted, false)`,
    [ids],
  );
}
