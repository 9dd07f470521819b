import type { PoolClient } from "pg";

// Where an admin change came from, beyond who made it. Optional: services called from
// scripts or tests have no request.
export interface AuditContext {
  ip?: string | null;
}

export interface AuditRow {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

// Appends one audit row on the caller's transaction client, so it commits (or rolls
// back) together with the change it describes. The audit log is append-only.
export async function writeAuditRow(client: PoolClient, row: AuditRow): Promise<void> {
  await client.query(
    `INSERT INTO audit_log (actor, action, target_type, target_id, before, after, ip) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      row.actor,
      row.action,
      row.targetType,
      row.targetId,
      row.before === undefined ? null : JSON.stringify(row.before),
      row.after === undefined ? null : JSON.stringify(row.after),
      row.ip ?? null,
    ],
  );
}
