import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { getEnv, parseEnv, readDatabaseSchema } from "./env";
import { PrismaClient } from "./generated/prisma/client";

// One pool and one Prisma client per database URL for the whole process, cached on
// globalThis so Next's module reloading (and each bundled route) shares them.
export interface Database {
  pool: Pool;
  prisma: PrismaClient;
}

const globalForDb = globalThis as unknown as { crossdockDatabases?: Map<string, Database> };

export function databaseUrl(): string {
  // Read at call time: launch scripts set it after starting the embedded server.
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start Crossdock with `npm run demo` or `npm start`, which start an embedded PostgreSQL when no DATABASE_URL is configured.",
    );
  }
  return url;
}

export function getDatabase(url: string = databaseUrl()): Database {
  const databases = (globalForDb.crossdockDatabases ??= new Map());
  let db = databases.get(url);
  if (!db) {
    const pool = new Pool({ connectionString: url, max: getEnv().DATABASE_POOL_SIZE });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on("error", () => undefined);
    db = { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
    databases.set(url, db);
  }
  return db;
}

// Where reads that may be a moment behind go: dashboards, search and exports. A streaming
// replica when DATABASE_READ_URL is set, else the primary. Anything that writes, or reads
// what was just written (auth and sessions, replays, actions, ingest, the issue sync), uses
// getDatabase(): a replica may not have that row yet, and refuses writes.
export function getReadDatabase(): Database {
  const readUrl = parseEnv(readDatabaseSchema).DATABASE_READ_URL;
  return readUrl ? getDatabase(readUrl) : getDatabase();
}

export function getPrisma(): PrismaClient {
  return getDatabase().prisma;
}

export function getPool(): Pool {
  return getDatabase().pool;
}

export async function closeDatabases(): Promise<void> {
  const databases = globalForDb.crossdockDatabases;
  if (!databases) return;
  globalForDb.crossdockDatabases = undefined;
  for (const db of databases.values()) {
    await db.prisma.$disconnect();
    await db.pool.end();
  }
}
