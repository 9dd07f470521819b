import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrate } from "./migrate";

export interface ReadyDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

// The rule every entry point follows: DATABASE_URL set -> that server; unset -> an
// embedded PostgreSQL with its data under CROSSDOCK_DATA_DIR (default .data/). Either
// way pending migrations are applied before anything else runs.
export async function ensureDatabase(log: (line: string) => void = console.log): Promise<ReadyDatabase> {
  const configured = process.env.DATABASE_URL;
  let ready: ReadyDatabase;
  if (configured) {
    ready = { url: configured, embedded: false, stop: async () => undefined };
  } else {
    const dataDir = path.resolve(process.env.CROSSDOCK_DATA_DIR ?? ".data", "pg");
    const server = await startEmbeddedPostgres({ dataDir, log });
    log(
      `crossdock: embedded PostgreSQL ${server.reused ? "already running" : "started"} on port ${server.port} (data: ${server.dataDir})`,
    );
    ready = { url: server.url, embedded: true, stop: () => server.stop() };
  }
  const result = await migrate(ready.url, undefined, log);
  if (result.applied.length > 0) log(`crossdock: applied migrations ${result.applied.join(", ")}`);
  return ready;
}
