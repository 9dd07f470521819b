// Work that retention never expires, whatever its age (README, "Storage and retention"):
// a transaction not final (in progress, failed, dead-lettered, stuck), a shipment whose
// load is not yet invoiced (unposted_shipments), and a transaction whose failure belongs
// to an issue that is not resolved. One SQL definition, used for events and payloads alike.
export const OPEN_WORK_SQL = `
  SELECT t.id, t.storage_day FROM transactions t WHERE t.status NOT IN ('succeeded', 'resolved', 'cancelled')
  UNION
  SELECT t.id, t.storage_day FROM unposted_shipments u JOIN transactions t ON t.id = u.transaction_id
  UNION
  SELECT t.id, t.storage_day FROM failure_issues f JOIN transactions t ON t.error_signature = f.error_signature
  WHERE f.state <> 'resolved'`;
