import type { Pool } from "pg";
import { foldRollups, ROLLUP_LOCK_ID } from "./fold-rollups";

// Brings the dashboard rollups up to date with every change committed so far, waiting for
// a fold already running elsewhere to finish first. The worker does this every few hundred
// milliseconds (rollup-refresher.ts); tests and tools that write and then read at once
// call it themselves. Design: lib/jobs/rollups/fold-rollups.ts.

export { ROLLUP_LOCK_ID };

export interface RefreshResult {
  // rollup cells changed (and shipments/invoices re-checked)
  hours: number;
  ms: number;
  foldedAt: Date;
}

export async function refreshRollups(pool: Pool): Promise<RefreshResult> {
  const r = (await foldRollups(pool, true))!;
  return { hours: r.cells + r.rechecked, ms: r.ms, foldedAt: r.foldedAt };
}
