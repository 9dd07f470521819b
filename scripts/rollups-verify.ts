// npm run rollups:verify [-- --from 2026-11-01T00:00Z --to 2026-11-02T00:00Z]
// Folds what is pending, recounts the dashboard rollups of the range from the raw tables in
// the same snapshot (rolled back: nothing changes) and prints every row that differs.
// Default range: every hour that holds a transaction. Exit code 1 when anything differs.
import { verifyRollups } from "@/lib/jobs/rollups/rebuild-rollups";
import { runRollupTool } from "./lib/rollup-range";

await runRollupTool("rollups:verify", async (pool, range) => {
  const started = performance.now();
  const differences = await verifyRollups(pool, range);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const d of differences)
    console.log(
      `${d.table} ${d.key}\n  folded:    ${d.folded ?? "(missing)"}\n  recounted: ${d.recounted ?? "(none)"}`,
    );
  console.log(
    `${range.from.toISOString()} .. ${range.to.toISOString()}: ${differences.length === 0 ? "the rollups equal a recount" : `${differences.length} rows differ`} (${seconds} s)`,
  );
  if (differences.length > 0) process.exitCode = 1;
});
