import type { PoolClient } from "pg";
import { recheckUnpostedShipments } from "./recompute-unposted-shipments";
import { WORKFLOW_IDS } from "./rollup-sql";

// The rollups that depend on rows on the other side of a reference: a shipment's unposted
// state (its invoice postings) and an invoice's shipment-to-invoice cycle time (its
// shipment's confirmation time). The trigger logs shipment confirmations and invoice
// postings that changed, with their old and new references; here the shipments and
// invoices on either side of those references are re-checked from the transactions.
// Both are recomputed from current rows, so re-checking one twice is harmless.
export async function foldTouched(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ shipments: string[] | null; invoices: string[] | null }>(
    `WITH ${WORKFLOW_IDS},
     d AS (DELETE FROM rollup_touched RETURNING transaction_id, workflow_id, shipment_id, load_id),
     -- by reference only: see recompute-unposted-shipments.ts for why workflow_id + 0 and num_nulls
     shipments AS (
       SELECT d.transaction_id AS id FROM d CROSS JOIN wf WHERE d.workflow_id = wf.ship
       UNION SELECT s.id FROM d CROSS JOIN wf JOIN transactions s ON s.shipment_id = d.shipment_id AND s.workflow_id + 0 = wf.ship
       WHERE d.workflow_id = wf.inv
       UNION SELECT s.id FROM d CROSS JOIN wf JOIN transactions s ON s.load_id = d.load_id AND s.workflow_id + 0 = wf.ship
       WHERE d.workflow_id = wf.inv AND d.shipment_id IS NULL),
     invoices AS (
       SELECT d.transaction_id AS id FROM d CROSS JOIN wf WHERE d.workflow_id = wf.inv
       UNION SELECT i.id FROM d CROSS JOIN wf JOIN transactions i ON i.shipment_id = d.shipment_id AND i.workflow_id + 0 = wf.inv
       WHERE d.workflow_id = wf.ship
       UNION SELECT i.id FROM d CROSS JOIN wf JOIN transactions i ON i.load_id = d.load_id AND i.workflow_id + 0 = wf.inv
       WHERE d.workflow_id = wf.ship AND num_nulls(i.shipment_id) = 1)
     SELECT (SELECT array_agg(id) FROM shipments) AS shipments, (SELECT array_agg(id) FROM invoices) AS invoices`,
  );
  const shipments = rows[0]?.shipments ?? [];
  const invoices = rows[0]?.invoices ?? [];
  if (shipments.length > 0) await recheckUnpostedShipments(client, shipments);
  if (invoices.length > 0) await recheckInvoiceCycles(client, invoices);
  return shipments.length + invoices.length;
}

// An invoice's cycle time now, against what it contributed last time (rollup_invoice_cycle):
// the difference goes into the latency deltas this same fold applies.
async function recheckInvoiceCycles(client: PoolClient, invoiceIds: string[]): Promise<void> {
  await client.query(
    `WITH ${WORKFLOW_IDS},
     now AS MATERIALIZED (${invoiceCycles("i.id = ANY($1::uuid[])")}),
     before AS MATERIALIZED (SELECT * FROM rollup_invoice_cycle WHERE transaction_id = ANY($1::uuid[])),
     deltas AS (
       INSERT INTO rollup_latency_deltas (bucket, workflow_id, site_id, metric, bin, n)
       SELECT bucket, workflow_id, site_id, 'ship_to_invoice', bin, sum(n)
       FROM (SELECT bucket, workflow_id, site_id, bin, -1 AS n FROM before UNION ALL SELECT bucket, workflow_id, site_id, bin, 1 FROM now) x
       GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0),
     kept AS (
       INSERT INTO rollup_invoice_cycle AS r (transaction_id, bucket, workflow_id, site_id, bin) SELECT * FROM now
       ON CONFLICT (transaction_id) DO UPDATE SET bucket = excluded.bucket, workflow_id = excluded.workflow_id, site_id = excluded.site_id, bin = excluded.bin)
     DELETE FROM rollup_invoice_cycle r WHERE r.transaction_id IN (SELECT transaction_id FROM before EXCEPT SELECT transaction_id FROM now)`,
    [invoiceIds],
  );
}

// Posted invoice -> the shipment it invoices, by shipment reference, else by load: the
// cycle time as a histogram bin, keyed like the other rollups by the invoice's first event.
// Needs ${WORKFLOW_IDS} in scope; `which` narrows the invoices (a condition on i).
export function invoiceCycles(which: string): string {
  return `
  SELECT i.id AS transaction_id, date_trunc('hour', i.first_event_at, 'UTC') AS bucket, i.workflow_id, coalesce(i.site_id, 0) AS site_id,
         rollup_latency_bin((extract(epoch FROM i.completed_at - s.shipped_at) * 1000)::float8) AS bin
  FROM transactions i CROSS JOIN wf
  CROSS JOIN LATERAL (
    SELECT min(s.first_event_at) AS shipped_at FROM transactions s
    WHERE s.workflow_id + 0 = wf.ship AND (s.shipment_id = i.shipment_id OR (i.shipment_id IS NULL AND s.load_id = i.load_id))
  ) s
  WHERE ${which} AND i.workflow_id = wf.inv AND i.status = 'succeeded' AND s.shipped_at IS NOT NULL`;
}
