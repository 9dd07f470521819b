// npm run rollups:rebuild -- --from 2026-11-01T00:00Z [--to 2026-11-02T00:00Z]
// Recounts the dashboard rollups of the range (whole hours) from the raw tables, replacing
// what is there; safe while ingest and the worker run (see lib/jobs/rollups/rebuild-rollups.ts).
// Without --from: every hour that holds a transaction. --to defaults to now.
import pg from "pg";
import { ensureDatabase } from "@/lib/db/ensure-database";
import { rebuildRollups } from "@/lib/jobs/rollups/rebuild-rollups";
import { rollupRange } from "./lib/rollup-range";

const db = await ensureDatabase(() => undefined);
const pool = new pg.Pool({ connectionString: db.url });
try {
  const range = await rollupRange(pool, process.argv.slice(2), "rollups:rebuild");
  const r = await rebuildRollups(pool, range);
  console.log(`Rebuilt ${r.hours} hours (${r.transactions} transactions) from ${range.from.toISOString()} to ${range.to.toISOString()} in ${(r.ms / 1000).toFixed(1)} s.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
} finally {
  await pool.end();
  await db.stop();
}
