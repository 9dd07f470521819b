// The best hand-written SQL for each dashboard view straight on the transactions table
// (no rollups): what the view would cost without them. Same windows and filters.
export interface RawQuery {
  sql: string;
  params: unknown[];
}

export function rawQueries(now: Date, from7d: Date, from24h: Date, searchKey: string): Record<string, RawQuery> {
  const prev7d = new Date(from7d.getTime() - (now.getTime() - from7d.getTime()));
  const overview = (from: Date, prev: Date): RawQuery => ({
    sql: `SELECT workflow_id, first_event_at >= $2 AS current, count(*), count(*) FILTER (WHERE ever_failed),
            percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)
          FROM transactions WHERE first_event_at >= $1 AND first_event_at < $3 GROUP BY 1, 2`,
    params: [prev, from, now],
  });
  return {
    "overview 24h": overview(from24h, new Date(from24h.getTime() - 86_400_000)),
    "overview 7d": overview(from7d, prev7d),
    "workflow detail 7d": {
      sql: `SELECT date_trunc('day', first_event_at, 'UTC'), count(*), count(*) FILTER (WHERE ever_failed),
              percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY latency_ms)
            FROM transactions WHERE workflow_id = (SELECT id FROM workflows WHERE name = 'shipment_confirmation')
              AND first_event_at >= $1 AND first_event_at < $2 GROUP BY 1`,
      params: [from7d, now],
    },
    "stuck groups 7d": {
      sql: `SELECT t.workflow_id, t.site_id, t.status, t.error_signature, t.value_currency, count(*), min(t.last_event_at), sum(t.value_amount)
            FROM workflows w JOIN transactions t ON t.workflow_id = w.id
            WHERE t.status NOT IN ('succeeded', 'resolved', 'cancelled') AND t.last_event_at < $2::timestamptz - w.sla_minutes * interval '1 minute'
              AND t.last_event_at >= $1 GROUP BY 1, 2, 3, 4, 5`,
      params: [from7d, now],
    },
    "unposted loads 7d": {
      sql: `SELECT s.load_id, s.value_currency, count(*), min(s.first_event_at), sum(s.value_amount)
            FROM transactions s
            WHERE s.workflow_id = (SELECT id FROM workflows WHERE name = 'shipment_confirmation')
              AND s.first_event_at >= $1 AND s.first_event_at < $2::timestamptz - interval '60 minutes' AND s.status <> 'cancelled'
              AND NOT EXISTS (SELECT 1 FROM transactions i WHERE i.workflow_id = (SELECT id FROM workflows WHERE name = 'invoice_posting')
                              AND i.shipment_id = s.shipment_id AND i.status IN ('succeeded', 'resolved'))
            GROUP BY 1, 2`,
      params: [from7d, now],
    },
    // Open failures per signature through the dashboards' open-work index (no signature key).
    "issue sync": {
      sql: `SELECT error_signature, count(*) FILTER (WHERE status IN ('failed', 'dead_lettered')), max(updated_at), array_agg(DISTINCT site_id)
            FROM transactions WHERE status NOT IN ('succeeded', 'resolved', 'cancelled') AND status <> 'in_flight' AND error_signature IS NOT NULL GROUP BY 1`,
      params: [],
    },
    "issue list": {
      sql: `SELECT error_signature, value_currency, count(*), sum(value_amount), array_agg(DISTINCT site_id), array_agg(DISTINCT workflow_id)
            FROM transactions WHERE status NOT IN ('succeeded', 'resolved', 'cancelled') AND status IN ('failed', 'dead_lettered') AND error_signature IS NOT NULL GROUP BY 1, 2`,
      params: [],
    },
    "failures 7d": {
      sql: `SELECT error_signature, value_currency, count(*), count(*) FILTER (WHERE status NOT IN ('succeeded', 'resolved', 'cancelled')),
              sum(value_amount), min(first_event_at), max(last_event_at)
            FROM transactions WHERE first_event_at >= $1 AND first_event_at < $2 AND error_signature IS NOT NULL GROUP BY 1, 2`,
      params: [from7d, now],
    },
    "KPIs 7d": {
      sql: `SELECT first_event_at >= $2 AS current, count(*), count(*) FILTER (WHERE ever_failed),
              count(*) FILTER (WHERE status IN ('succeeded', 'resolved', 'cancelled')),
              percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE workflow_id = (SELECT id FROM workflows WHERE name = 'order_release'))
            FROM transactions WHERE first_event_at >= $1 AND first_event_at < $3 GROUP BY 1`,
      params: [prev7d, from7d, now],
    },
    // The search box's query (lib/queries/search-transactions.ts): exact on every reference
    // and id, prefix on the business references, exact matches first.
    "search by business key": {
      sql: `SELECT t.* FROM transactions t
            WHERE t.business_key = $1 OR t.order_id = $1 OR t.shipment_id = $1 OR t.load_id = $1 OR t.invoice_id = $1
               OR t.sku = $1 OR t.customer_id = $1 OR t.external_id = $1 OR t.trace_id = $1
               OR t.business_key LIKE $2 OR t.order_id LIKE $2 OR t.shipment_id LIKE $2 OR t.load_id LIKE $2
               OR t.invoice_id LIKE $2 OR t.sku LIKE $2 OR t.customer_id LIKE $2
            ORDER BY (t.business_key = $1 OR t.order_id = $1 OR t.shipment_id = $1 OR t.load_id = $1 OR t.invoice_id = $1
               OR t.sku = $1 OR t.customer_id = $1 OR t.external_id = $1 OR t.trace_id = $1) IS TRUE DESC, t.last_event_at DESC, t.id DESC
            LIMIT 21`,
      params: [searchKey, `${searchKey}%`],
    },
  };
}
