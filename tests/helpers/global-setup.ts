import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { type EmbeddedServer, startEmbeddedPostgres } from "@/lib/postgres/embedded-postgres";
import { migrate } from "@/lib/postgres/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

// One PostgreSQL for the run (TEST_DATABASE_URL / DATABASE_URL, else an embedded one),
// one migrated template database; every test file clones its own database from it.
let server: EmbeddedServer | undefined;
let dataRoot: string | undefined;
let adminUrl = "";
let template = "";

export async function setup(project: TestProject): Promise<void> {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) {
    adminUrl = configured;
  } else {
    dataRoot = await mkdtemp(path.join(os.tmpdir(), "crossdock-test-"));
    // mkdtemp makes a 0700 folder; as root the server runs as `postgres` and must enter it.
    await chmod(dataRoot, 0o755);
    server = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, "pg"), port: 0, log: () => undefined });
    adminUrl = server.url;
  }
  template = `crossdock_tpl_${randomBytes(4).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  await migrate(withDatabase(adminUrl, template));
  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", template);
}

export async function teardown(): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
  await server?.stop();
  if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
}

// One statement (CREATE or DROP DATABASE) on a connection of its own to the admin database.
export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
