/** Connecting to the server as the superuser: the database to create, the URL to hand out. */
import { Client, type ClientConfig, DatabaseError, escapeIdentifier } from "pg";
import { HOST, SUPERUSER } from "./common";

export async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  await withClient(port, password, SUPERUSER, async (client) => {
    const existing = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (existing.rowCount) return;
    try {
      await client.query(`create database ${escapeIdentifier(database)}`);
    } catch (error) {
      // 42P04 duplicate_database / 23505 unique_violation: another process created it meanwhile.
      if (!(error instanceof DatabaseError && (error.code === "42P04" || error.code === "23505"))) throw error;
    }
  });
}

export async function withClient<T>(
  port: number,
  password: string,
  database: string,
  use: (client: Client) => Promise<T>,
): Promise<T> {
  const config: ClientConfig = {
    host: HOST,
    port,
    user: SUPERUSER,
    password,
    database,
    ssl: false,
    connectionTimeoutMillis: 5_000,
  };
  const client = new Client(config);
  client.on("error", () => {}); // a server going away mid-query surfaces as the query's rejection
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function databaseUrl(password: string, port: number, database: string): string {
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@${HOST}:${port}/${encodeURIComponent(database)}`;
}
