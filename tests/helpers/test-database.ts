import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabases, getDatabase } from "@/lib/db";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { withDatabase } from "./global-setup";

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
// of the file or of a describe, before the hooks that use it: hooks run in the order they
// are declared, and the drop comes after every later afterAll.
export function useTestDatabase(options: { catalogue?: boolean } = {}): TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    if (options.catalogue) await seedCatalogue(db.pool);
  });
  afterAll(async () => db?.drop());
  const current = (): TestDatabase => {
    if (!db) throw new Error("The test database exists from the first beforeAll on: use it in hooks and tests.");
    return db;
  };
  return {
    get url() {
      return current().url;
    },
    get name() {
      return current().name;
    },
    get pool() {
      return current().pool;
    },
    get prisma() {
      return current().prisma;
    },
    drop: () => current().drop(),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
