import { parseArgs } from "node:util";
import type { Pool } from "pg";
import type { HourRange } from "@/lib/jobs/rollups/rebuild-rollups";

// --from / --to (ISO times) for the rollup tools; without --from, from the oldest
// transaction's hour; without --to, up to the newest transaction (or now).
export async function rollupRange(pool: Pool, args: string[], command: string): Promise<HourRange> {
  const { values } = parseArgs({ args, options: { from: { type: "string" }, to: { type: "string" } } });
  const parse = (name: string, text: string | undefined): Date | null => {
    if (text === undefined) return null;
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) throw new Error(`${command}: --${name} must be a date and time, e.g. 2026-11-01T00:00Z (got "${text}")`);
    return at;
  };
  const from = parse("from", values.from);
  const to = parse("to", values.to);
  const { rows } = await pool.query<{ first: Date | null; last: Date | null }>(`SELECT min(first_event_at) AS first, max(first_event_at) AS last FROM transactions`);
  const range = { from: from ?? rows[0]?.first ?? new Date(), to: to ?? new Date(Math.max(Date.now(), (rows[0]?.last?.getTime() ?? 0) + 1)) };
  if (range.from >= range.to) throw new Error(`${command}: --from must be before --to`);
  return range;
}
