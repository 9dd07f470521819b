import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { inTransactionOn } from "@/lib/postgres/in-transaction";
import { migrationPreflight } from "@/lib/postgres/migration-preflight";

// Applies prisma/migrations/*/migration.sql and records them in _prisma_migrations
// exactly as Prisma Migrate does, so `prisma migrate status` agrees on machines that
// have the schema engine. Safe to run twice and from several processes at once.

// Read at run time from the working directory (the project root under npm start); the
// bundler must not try to trace this folder into the server build.
export const MIGRATIONS_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");
// Prisma Migrate's own advisory lock id, so our runner and Prisma's never interleave.
const MIGRATION_LOCK_ID = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

// `log` hears, before a long migration starts, what it will cost here (migration-preflight.ts).
export async function migrate(
  url: string,
  dir = MIGRATIONS_DIR,
  log: (line: string) => void = console.log,
): Promise<MigrationResult> {
  const migrations = await readMigrations(dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const row = done.get(m.name);
      if (row?.finished_at) continue;
      if (row) {
        throw new Error(
          `Migration ${m.name} was started but never finished on this database; inspect it and mark it rolled back before retrying.`,
        );
      }
      const notice = await migrationPreflight(client, m.name);
      if (notice) log(notice);
      await applyMigration(client, m);
      applied.push(m.name);
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

// One database transaction per migration: a failing migration leaves no trace but its error.
async function applyMigration(client: pg.Client, m: Migration): Promise<void> {
  const id = randomUUID();
  try {
    await inTransactionOn(client, async () => {
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
        [id, m.checksum, m.name],
      );
      await client.query(m.sql);
      await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
        id,
      ]);
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${m.name} failed: ${reason}`);
  }
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export async function migrationStatus(client: pg.ClientBase, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const migrations = await readMigrations(dir);
  const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
  const names = new Set<string>();
  if (exists.rows[0]?.t) {
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    for (const r of rows) names.add(r.migration_name);
  }
  return {
    applied: migrations.filter((m) => names.has(m.name)).map((m) => m.name),
    pending: migrations.filter((m) => !names.has(m.name)).map((m) => m.name),
  };
}
