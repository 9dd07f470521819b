// npm start - production: apply pending migrations, then serve the built app on PORT.
// DATABASE_URL set -> that server; unset -> the embedded PostgreSQL under CROSSDOCK_DATA_DIR.
import { spawn } from "node:child_process";
import { ensureDatabase } from "@/lib/postgres/ensure-database";
import { getLogger } from "@/lib/telemetry/logger";
import { authEnv } from "./lib/auth-env";
import { secretEnv } from "./lib/secret-env";

const log = getLogger();
const db = await ensureDatabase((line) => log.info(line));
const port = process.env.PORT ?? "3000";
const auth = await Promise.all([authEnv(port, db.embedded), secretEnv(db.embedded)])
  .then(([a, s]) => ({ ...a, ...s }))
  .catch(async (error: Error) => {
    log.fatal(`crossdock: ${error.message}`);
    await db.stop();
    process.exit(1);
  });
const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], {
  stdio: "inherit",
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...auth, DATABASE_URL: db.url },
});
log.info({ port: Number(port) }, `crossdock: serving on http://localhost:${port}`);
// --- replay worker (issue 6): delivers replays from the PostgreSQL job queue ---
const worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
  stdio: "inherit",
  env: { ...process.env, CROSSDOCK_SECRET_KEY: auth.CROSSDOCK_SECRET_KEY, DATABASE_URL: db.url },
});
worker.on("exit", (code) => !stopping && log.error({ exitCode: code }, "crossdock: the replay worker stopped"));
// --- end replay worker ---

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  worker.kill("SIGTERM"); // replay worker
  await db.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(130));
process.on("SIGTERM", () => void shutdown(143));
next.on("exit", (code) => void shutdown(code ?? 1));
