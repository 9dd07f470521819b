import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate, migrationStatus, readMigrations } from "@/lib/postgres/migrate";
import { useTestDatabase } from "../helpers/test-database";

const db = useTestDatabase();

describe("migration runner", () => {
  it("records migrations the way Prisma Migrate does and is safe to run again", async () => {
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    const again = await migrate(db.url);
    expect(again).toEqual({ applied: [], alreadyApplied: migrations.length });
    const { rows } = await db.pool.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    const first = migrations[0]!;
    const sql = await readFile(path.join("prisma", "migrations", first.name, "migration.sql"));
    expect(rows[0].checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    expect(rows.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);
    const client = await db.pool.connect();
    try {
      expect(await migrationStatus(client)).toEqual({ applied: migrations.map((m) => m.name), pending: [] });
    } finally {
      client.release();
    }
  });

  it("applies concurrently started runs once", async () => {
    await db.pool.query(`CREATE DATABASE ${db.name}_fresh`);
    const url = db.url.replace(new RegExp(`/${db.name}$`), `/${db.name}_fresh`);
    try {
      // A new installation has nothing to rewrite: no migration says what it will cost.
      const said: string[] = [];
      const run = () => migrate(url, undefined, (line) => said.push(line));
      const results = await Promise.all([run(), run(), run()]);
      expect(said).toEqual([]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, (await readMigrations()).length]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM _prisma_migrations`);
      await client.end();
      expect(rows[0].n).toBe((await readMigrations()).length);
    } finally {
      await db.pool.query(`DROP DATABASE IF EXISTS ${db.name}_fresh WITH (FORCE)`);
    }
  });
});
