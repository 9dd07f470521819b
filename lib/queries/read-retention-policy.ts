import type { ClientBase, Pool } from "pg";

// How long each kind of data is kept, in days, as an admin set it (retention_settings).
export interface RetentionPolicy {
  payloadDays: number;
  eventDays: number; // events and closed transactions
  rollupDays: number;
  updatedAt: Date;
  updatedBy: string | null;
}

export async function readRetentionPolicy(db: Pool | ClientBase): Promise<RetentionPolicy> {
  const { rows } = await db.query<RetentionPolicy>(
    `SELECT payload_days AS "payloadDays", event_days AS "eventDays", rollup_days AS "rollupDays",
            updated_at AS "updatedAt", updated_by AS "updatedBy"
     FROM retention_settings WHERE id = 1`,
  );
  return rows[0]!;
}
