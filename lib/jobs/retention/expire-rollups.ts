import type { Pool } from "pg";
import { inTransaction } from "@/lib/postgres/in-transaction";

// Rollups are small (hours x workflows x sites), so trimming them row by row is cheap; they
// are kept far longer than the raw data they summarise.
const ROLLUP_TABLES = [
  "rollup_hourly",
  "rollup_latency",
  "rollup_latency_daily",
  "rollup_failures",
  "rollup_failures_daily",
  "rollup_invoice_cycle",
];

export async function expireRollups(pool: Pool, beforeDay: string): Promise<number> {
  return inTransaction(pool, async (client) => {
    let deleted = 0;
    for (const table of ROLLUP_TABLES) {
      const r = await client.query(`DELETE FROM ${table} WHERE bucket < $1::date`, [beforeDay]);
      deleted += r.rowCount ?? 0;
    }
    return deleted;
  });
}
