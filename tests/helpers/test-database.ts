import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { closeDatabases, getDatabase } from "@/lib/db";
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

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
