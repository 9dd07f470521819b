// npm run rollups:rebuild -- --from 2026-11-01T00:00Z [--to 2026-11-02T00:00Z]
// Recounts the dashboard rollups of the range (whole hours) from the raw tables, replacing
// what is there; safe while ingest and the worker run (see lib/jobs/rollups/rebuild-rollups.ts).
// Without --from: every hour that holds a transaction. --to defaults to now.
import { rebuildRollups } from "@/lib/jobs/rollups/rebuild-rollups";
import { runRollupTool } from "./lib/rollup-range";

await runRollupTool("rollups:rebuild", async (pool, range) => {
  const r = await rebuildRollups(pool, range);
  console.log(
    `Rebuilt ${r.hours} hours (${r.transactions} transactions) from ${range.from.toISOString()} to ${range.to.toISOString()} in ${(r.ms / 1000).toFixed(1)} s.`,
  );
});
