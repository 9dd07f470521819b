// SQL fragments shared by the rollup recomputation statements. $1 is always the array of
// hours being recomputed.

export const WORKFLOW_IDS = `wf AS (
  SELECT (SELECT id FROM workflows WHERE name = 'shipment_confirmation') AS ship,
         (SELECT id FROM workflows WHERE name = 'invoice_posting') AS inv)`;

export const IN_HOURS = `h AS (SELECT unnest($1::timestamptz[]) AS bucket)`;
export const HOUR_JOIN = `t.first_event_at >= h.bucket AND t.first_event_at < h.bucket + interval '1 hour'`;
