// npm run catalogue:apply -- catalogue.yaml [--dry-run]
// Checks the file, prints what would change, and (without --dry-run) makes the changes
// through the admin services, audited as "cli:<user> catalogue:apply <file>".
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { applyCatalogue } from "@/lib/catalogue/apply-catalogue";
import { describePlan } from "@/lib/catalogue/describe-plan";
import { CatalogueFileError } from "@/lib/catalogue/parse-catalogue-file";
import { AppError } from "@/lib/errors";
import { ensureDatabase } from "@/lib/postgres/ensure-database";
import { secretEnv } from "./lib/secret-env";
import { systemActor } from "./lib/system-actor";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "dry-run": { type: "boolean", default: false } },
});
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error("Usage: npm run catalogue:apply -- <catalogue.yaml> [--dry-run]");
  process.exit(2);
}
const text = await readFile(file, "utf8").catch((error: Error) => {
  console.error(`catalogue:apply: cannot read ${file}: ${error.message}`);
  process.exit(2);
});
const db = await ensureDatabase(() => undefined);
// Replay auth headers are stored encrypted; without a key they are refused when stored.
await secretEnv(db.embedded).then(
  (s) => Object.assign(process.env, s),
  () => undefined,
);
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
const user = process.env.USER ?? "unknown";
try {
  const dryRun = values["dry-run"] ?? false;
  const result = await applyCatalogue(pool, path.basename(file), text, {
    actor: systemActor(`cli:${user} catalogue:apply ${path.basename(file)}`),
    dryRun,
  });
  for (const line of describePlan(result.plan)) console.log(line);
  const n = result.plan.changes.length;
  if (n > 0)
    console.log(
      result.applied
        ? `Applied ${n} change${n === 1 ? "" : "s"}.`
        : `Dry run: ${n} change${n === 1 ? "" : "s"} not applied.`,
    );
} catch (error) {
  if (error instanceof CatalogueFileError) console.error(error.message);
  else if (error instanceof AppError) console.error(`catalogue:apply stopped: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
} finally {
  await pool.end();
  await db.stop();
}
