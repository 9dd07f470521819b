// A PostgreSQL server for a bench script: DATABASE_URL's server if set, else a throwaway
// embedded one in a temp folder (removed by stop()).
import * as fs from "node:fs/promises";
import * as os from "node:os";
import path from "node:path";
import pg from "pg";
import { type EmbeddedServer, startEmbeddedPostgres } from "@/lib/postgres/embedded-postgres";

export interface BenchServer {
  adminUrl: string;
  embedded?: EmbeddedServer;
  postmasterPid?: number;
  stop(): Promise<void>;
}

export async function startBenchServer(log: (line: string) => void): Promise<BenchServer> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: async () => undefined };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "crossdock-bench-"));
  await fs.chmod(dir, 0o755); // reachable by the postgres user when we are root
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 0, database: "postgres", log });
  const text = await fs.readFile(path.join(embedded.dataDir, "postmaster.pid"), "utf8").catch(() => "");
  const pid = Number.parseInt(text.split("\n")[0] ?? "", 10);
  return {
    adminUrl: embedded.url,
    embedded,
    postmasterPid: Number.isInteger(pid) ? pid : undefined,
    stop: async () => {
      await embedded.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(db)}`;
  return u.toString();
}

export async function withClient<T>(url: string, use: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => undefined); // a server going away surfaces as the query's rejection
  await c.connect();
  try {
    return await use(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}
