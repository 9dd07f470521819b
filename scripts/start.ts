// npm start - production: apply pending migrations, then serve the built app on PORT.
// DATABASE_URL set -> that server; unset -> the embedded PostgreSQL under CROSSDOCK_DATA_DIR.
import { spawn } from "node:child_process";
import { ensureDatabase } from "@/lib/postgres/ensure-database";
import { getLogger } from "@/lib/telemetry/logger";
import { authEnv } from "./lib/auth-env";
import { secretEnv } from "./lib/secret-env";
import { superviseWorker, supervisorSettings } from "./lib/supervise-worker";

const log = getLogger();
// Read before anything starts: a wrong value stops npm start at once, naming it.
const supervision = (() => {
  try {
    return supervisorSettings();
  } catch (error) {
    log.fatal(`crossdock: ${(error as Error).message}`);
    process.exit(1);
  }
})();
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
// --- replay worker (issue 6), supervised (issue 17): replays, rollups, issue sync, alerts ---
const worker = superviseWorker({
  start: () =>
    spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      stdio: "inherit",
      env: { ...process.env, CROSSDOCK_SECRET_KEY: auth.CROSSDOCK_SECRET_KEY, DATABASE_URL: db.url },
    }),
  settings: supervision,
  log: (line) => log.error(`crossdock: ${line}`),
  // A worker that cannot stay up: stop serving and exit non-zero, so whatever runs us notices.
  onGiveUp: () => void shutdown(1),
});
// --- end replay worker ---

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  // The worker finishes what it holds before the database goes (at most a few seconds).
  await worker.stop(5000);
  await db.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(130));
process.on("SIGTERM", () => void shutdown(143));
next.on("exit", (code) => void shutdown(code ?? 1));
