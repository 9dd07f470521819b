import type { Pool } from "pg";

// How fresh the rollup-based figures are: when the last fold started (everything committed
// before then is counted). Dashboards report it rather than wait for a fold; the worker
// folds every few hundred milliseconds (lib/jobs/rollups/fold-rollups.ts).
export async function readRollupsFoldedAt(pool: Pool): Promise<Date> {
  const { rows } = await pool.query<{ folded_at: Date }>(`SELECT folded_at FROM rollup_state WHERE id = 1`);
  return rows[0]?.folded_at ?? new Date(0);
}
