// npm run catalogue:export [-- catalogue.yaml]
// Writes the registered catalogue as a file catalogue:apply takes back unchanged (to
// standard output without a file name).
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { readCatalogue } from "@/lib/catalogue/read-catalogue";
import { writeCatalogueFile } from "@/lib/catalogue/write-catalogue-file";
import { ensureDatabase } from "@/lib/postgres/ensure-database";

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
if (positionals.length > 1) {
  console.error("Usage: npm run catalogue:export [-- <catalogue.yaml>]");
  process.exit(2);
}
const db = await ensureDatabase(() => undefined);
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
try {
  const text = writeCatalogueFile(await readCatalogue(pool));
  if (positionals[0]) {
    await writeFile(positionals[0], text);
    console.error(`Wrote ${positionals[0]}.`);
  } else process.stdout.write(text);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await pool.end();
  await db.stop();
}
