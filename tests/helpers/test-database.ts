import { randomBytes } from "node:crypto";
import type pg from "pg";
import { inject } from "vitest";
import { closeDatabases, getDatabase } from "@/lib/db";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { adminQuery, withDatabase } from "./global-setup";
import { useBeforeAll } from "./use-before-all";

export interface TestDatabase {
  url: string;
  name: string;
  pool: pg.Pool;
  prisma: ReturnType<typeof getDatabase>["prisma"];
  drop(): Promise<void>;
}

// A fresh, migrated database for one test file (a clone of the run's template), and
// DATABASE_URL pointed at it so route handlers under test use it too.
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("adminUrl");
  const name = `crossdock_t_${randomBytes(5).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`);
  const url = withDatabase(adminUrl, name);
  process.env.DATABASE_URL = url;
  const { pool, prisma } = getDatabase(url);
  return {
    url,
    name,
    pool,
    prisma,
    async drop() {
      await closeDatabases();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

// The test file's database: created (and with `catalogue`, seeded with the demo's sites,
// systems and workflows) before its first test, dropped after its last. Call it at the top
// of the file or of a describe, before the hooks that use it.
export function useTestDatabase(options: { catalogue?: boolean } = {}): TestDatabase {
  return useBeforeAll(
    async () => {
      const db = await createTestDatabase();
      if (options.catalogue)
        await seedCatalogue(db.pool).catch(async (error: unknown) => {
          await db.drop();
          throw error;
        });
      return db;
    },
    (db) => db.drop(),
  );
}
