import { randomBytes } from "node:crypto";
import pg from "pg";

// A throwaway database on an external PostgreSQL, the way production runs (DATABASE_URL set,
// nothing embedded). CROSSDOCK_E2E_EXTERNAL_PG names the server's admin URL; by default the
// machine's own PostgreSQL on 127.0.0.1:5432. When none answers, the specs that need it skip
// and say why.

export const EXTERNAL_PG = process.env.CROSSDOCK_E2E_EXTERNAL_PG ?? "postgresql://postgres@127.0.0.1:5432/test";

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: EXTERNAL_PG, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// { skip: reason } when no PostgreSQL answers at EXTERNAL_PG.
export async function createThrowawayDatabase(): Promise<ThrowawayDatabase | { skip: string }> {
  const name = `crossdock_e2e_${randomBytes(5).toString("hex")}`;
  try {
    await adminQuery(`CREATE DATABASE ${name}`);
  } catch (error) {
    return { skip: `no PostgreSQL to create a database on at ${EXTERNAL_PG}: ${(error as Error).message}` };
  }
  const url = new URL(EXTERNAL_PG);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
