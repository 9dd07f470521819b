// npm run archive:restore -- --from 2025-10-01 --to 2025-10-03
// Loads the archived storage days in the range (inclusive, UTC) back into the live tables:
// closed transactions, their events and the payloads archived for those days, verified
// against their manifests first. Reads CROSSDOCK_ARCHIVE_DIR (default .data/archive) and
// DATABASE_URL (or the embedded database). Exit code 2 with the reason when it fails.
import { parseArgs } from "node:util";
import pg from "pg";
import { restoreArchive } from "@/lib/jobs/retention/restore-archive";
import { retentionEnv } from "@/lib/jobs/retention/retention-settings";
import { ensureDatabase } from "@/lib/postgres/ensure-database";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function readRange(): { from: string; to: string } {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { from: { type: "string" }, to: { type: "string" } },
  });
  const check = (name: string, text: string | undefined): string => {
    if (text === undefined) throw new Error(`archive:restore: --${name} is required, a day such as 2025-10-01`);
    if (!DAY.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)))
      throw new Error(`archive:restore: --${name} must be a day such as 2025-10-01 (got "${text}")`);
    return text;
  };
  return { from: check("from", values.from), to: check("to", values.to ?? values.from) };
}

try {
  const range = readRange();
  const { archiveDir } = retentionEnv();
  const db = await ensureDatabase(() => undefined);
  const pool = new pg.Pool({ connectionString: db.url });
  try {
    const days = await restoreArchive(pool, archiveDir, range.from, range.to);
    if (days.length === 0)
      console.log(`archive:restore: nothing archived in ${archiveDir} for ${range.from} .. ${range.to}`);
    for (const d of days)
      console.log(
        `${d.day}: ${d.rows.transactions} transactions, ${d.rows.events} events, ${d.rows.event_payloads} payloads restored` +
          ` (archived: ${d.archived.transactions ?? 0}, ${d.archived.events ?? 0}, ${d.archived.event_payloads ?? 0})`,
      );
  } finally {
    await pool.end();
    await db.stop();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
