import { parseArgs } from "node:util";
import pg from "pg";
import type { HourRange } from "@/lib/jobs/rollups/rebuild-rollups";
import { ensureDatabase } from "@/lib/postgres/ensure-database";

// The rollup tools' shared frame: the database (DATABASE_URL or the embedded one, migrated),
// the range from --from / --to, and exit code 2 with the message when something fails.
export async function runRollupTool(
  command: string,
  work: (pool: pg.Pool, range: HourRange) => Promise<void>,
): Promise<void> {
  const db = await ensureDatabase(() => undefined);
  const pool = new pg.Pool({ connectionString: db.url });
  try {
    await work(pool, await rollupRange(pool, process.argv.slice(2), command));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  } finally {
    await pool.end();
    await db.stop();
  }
}

// --from / --to (ISO times); without --from, from the oldest transaction's hour (the last
// hour when there are none); without --to, up to the newest transaction (or now).
async function rollupRange(pool: pg.Pool, args: string[], command: string): Promise<HourRange> {
  const { values } = parseArgs({ args, options: { from: { type: "string" }, to: { type: "string" } } });
  const parse = (name: string, text: string | undefined): Date | null => {
    if (text === undefined) return null;
    const at = new Date(text);
    if (Number.isNaN(at.getTime()))
      throw new Error(`${command}: --${name} must be a date and time, e.g. 2026-11-01T00:00Z (got "${text}")`);
    return at;
  };
  const from = parse("from", values.from);
  const to = parse("to", values.to);
  const { rows } = await pool.query<{ first: Date | null; last: Date | null }>(
    `SELECT min(first_event_at) AS first, max(first_event_at) AS last FROM transactions`,
  );
  const end = to ?? new Date(Math.max(Date.now(), (rows[0]?.last?.getTime() ?? 0) + 1));
  const range = { from: from ?? rows[0]?.first ?? new Date(end.getTime() - 3_600_000), to: end };
  if (range.from >= range.to) throw new Error(`${command}: --from must be before --to`);
  return range;
}
