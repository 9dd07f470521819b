// npm run demo - Crossdock on the embedded database (or DATABASE_URL): migrate, seed the
// catalogue and demo users, start the app and the replay target, then the traffic
// simulator (its own process: a week of history through the public ingest API, then live
// traffic). Ctrl-C stops everything.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { hashApiKey } from "@/lib/auth/api-keys";
import { retentionEnv } from "@/lib/jobs/retention/retention-settings";
import { ensureStoragePartitions } from "@/lib/jobs/retention/storage-partitions";
import { ensureDatabase } from "@/lib/postgres/ensure-database";
import { createApiKey } from "@/lib/services/create-api-key";
import { applyDemoCatalogue, DEMO_ALERT_RULE, DEMO_ALERT_URL_ENV } from "@/lib/services/seed-catalogue";
import { startDemoAlertReceiver } from "@/sim/alert-receiver";
import { startDemoReplayTarget } from "@/sim/replay-target/demo";
import { authEnv } from "./lib/auth-env";
import { seedDemoUsers } from "./lib/demo-users";
import { secretEnv } from "./lib/secret-env";
import { superviseWorker, supervisorSettings } from "./lib/supervise-worker";
import { systemActor } from "./lib/system-actor";

const port = Number(process.env.PORT ?? 3000);
const base = `http://localhost:${port}`;

// Read before anything starts: a wrong CROSSDOCK_WORKER_* value stops the demo at once,
// naming it, instead of after the database is up.
const supervision = (() => {
  try {
    return supervisorSettings();
  } catch (error) {
    console.error(`crossdock: ${(error as Error).message}`);
    process.exit(1);
  }
})();
const db = await ensureDatabase();
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
// The simulator's week of history is stored under its own days (README, "Storage and
// retention"): their partitions exist before its first batch, whenever the worker starts.
await ensureStoragePartitions(pool, retentionEnv().daysAhead);
const auth = await authEnv(String(port), true);
const secrets = await secretEnv(true);
// This process encrypts the replay target's auth header when it registers the endpoint,
// and the alert channel's URL when it applies the catalogue.
process.env.CROSSDOCK_SECRET_KEY = secrets.CROSSDOCK_SECRET_KEY;
// The demo's replay target and alert receiver listen on 127.0.0.1; the app and the worker
// (they inherit this environment) may call them there, and nothing else inside the network.
process.env.CROSSDOCK_ALLOWED_PRIVATE_HOSTS = [process.env.CROSSDOCK_ALLOWED_PRIVATE_HOSTS, "127.0.0.1"]
  .filter(Boolean)
  .join(",");
// Logs for a person at a terminal, and /metrics on with a token made for this run
// (README, "Monitoring"); both can be set from outside.
process.env.CROSSDOCK_LOG_FORMAT ??= "pretty";
process.env.CROSSDOCK_METRICS_TOKEN ??= randomBytes(16).toString("hex");
// The example alert rule's notifications print here; its channel is the catalogue's
// "Demo console", whose URL (this run's receiver) the file names by variable.
const alertReceiver = await startDemoAlertReceiver((line) => console.log(line));
process.env[DEMO_ALERT_URL_ENV] = alertReceiver.url;
// The demo's catalogue is a catalogue file (catalogue/demo.yaml), applied as any other.
const catalogue = await applyDemoCatalogue(pool, systemActor("demo catalogue:apply demo.yaml"));
if (catalogue.applied) console.log(`crossdock: catalogue/demo.yaml applied (${catalogue.plan.changes.length} changes)`);
const key = await demoApiKey(pool);
const users = await seedDemoUsers(pool);
// Which database the simulator's checkpoint belongs to: the cluster's identifier survives
// the embedded server moving to another port, and differs for a new DATABASE_URL.
// (pg_control_system may be refused to a non-superuser; then the URL stands in.)
const databaseKey = await pool
  .query<{ key: string }>("SELECT system_identifier::text || '/' || current_database() AS key FROM pg_control_system()")
  .then(
    (r) => r.rows[0]!.key,
    () => db.url,
  );

const app = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", String(port)], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...auth, ...secrets, DATABASE_URL: db.url },
});
// --- replay worker (issue 6), supervised as npm start does: a crashed worker comes back ---
const worker = superviseWorker({
  start: () =>
    spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { CROSSDOCK_PUBLIC_URL: base, ...process.env, ...secrets, DATABASE_URL: db.url },
    }),
  settings: supervision,
  log: (line) => console.error(`crossdock: ${line}`),
  onGiveUp: () => void shutdown(1),
});
// --- end replay worker ---
let stopping = false;
let replay: Awaited<ReturnType<typeof startDemoReplayTarget>> | undefined;
let simulator: ChildProcess | undefined;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log("\ncrossdock: stopping the app and the database");
  simulator?.kill("SIGTERM");
  app.kill("SIGTERM");
  // The worker finishes what it holds before the database goes (at most a few seconds).
  const workerStopped = worker.stop(5000);
  await replay?.target.close().catch(() => undefined);
  await alertReceiver.close().catch(() => undefined);
  await workerStopped;
  await pool.end().catch(() => undefined);
  await db.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
app.on("exit", (code) => void shutdown(code ?? 1));

await waitForHealth();
// The middleware's redeliver endpoint and the ERP's record check, so replays work end to end.
replay = await startDemoReplayTarget(pool, { crossdockUrl: base, apiKey: key, log: () => undefined }).catch(
  (error: Error) => {
    console.error(
      `crossdock: the demo replay target did not start (${error.message}); replays will have nowhere to go`,
    );
    return undefined;
  },
);
await runSimulator();
console.log(`\n  Crossdock is running: ${base}/\n\n  Demo users (password for all: ${users.password}):`);
for (const u of users.accounts)
  console.log(`    ${u.email.padEnd(34)} ${u.role}${u.sites.length ? ` (sites: ${u.sites.join(", ")})` : ""}`);
console.log(`\n  Ingest API key (demo): ${key}`);
console.log(`  Metrics: curl -H "Authorization: Bearer ${process.env.CROSSDOCK_METRICS_TOKEN}" ${base}/metrics`);
if (replay) console.log(`  Replay target (simulated middleware + ERP): ${replay.target.url}`);
console.log(`  Today's incident: east's shipment confirmations fail at the ERP (customer master).`);
console.log(
  `  Alert rule "${DEMO_ALERT_RULE}" prints here when it fires (checked every minute), and its recovery once the group is replayed after the fix.`,
);
if (process.stdin.isTTY) console.log(`  Press f to fix it, b to break it again, Ctrl-C to stop.\n`);
else
  console.log(
    `  Fix it: curl -X POST localhost:${process.env.SIM_CONTROL_PORT ?? 3401}/scenarios/customerMaster -d '{"enabled": false}'. Ctrl-C stops.\n`,
  );
listenForKeys();

// The demo key is kept beside the data so a restarted demo reuses it.
async function demoApiKey(p: pg.Pool): Promise<string> {
  const file = path.resolve(process.env.CROSSDOCK_DATA_DIR ?? ".data", "demo-api-key");
  const saved = await readFile(file, "utf8").then(
    (s) => s.trim(),
    () => "",
  );
  if (saved) {
    const { rowCount } = await p.query("SELECT 1 FROM api_keys WHERE hash = $1 AND revoked_at IS NULL", [
      hashApiKey(saved),
    ]);
    if (rowCount) return saved;
  }
  const created = await createApiKey(p, {
    systemName: "middleware",
    scopes: ["ingest", "read"],
    name: "demo",
    actor: "demo",
  });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${created.key}\n`, { mode: 0o600 });
  return created.key;
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The app did not become healthy at ${base}/api/health within 3 minutes`);
}

// The simulator is its own process (it is the "middleware"); the demo waits until its
// backfill is in and it has switched to live traffic.
function runSimulator(): Promise<void> {
  simulator = spawn(process.execPath, ["--import", "tsx", "sim/main.ts"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: {
      ...process.env,
      CROSSDOCK_URL: base,
      CROSSDOCK_API_KEY: key,
      SIM_DATABASE_KEY: databaseKey,
      ...(replay ? { REPLAY_TARGET_URL: replay.target.url, REPLAY_TARGET_TOKEN: replay.token } : {}),
    },
  });
  simulator.on("exit", (code) => {
    if (!stopping) console.error(`crossdock: the simulator stopped (exit code ${code}); the app keeps running`);
  });
  return new Promise((resolve) => {
    simulator!.on("message", (m: { type?: string }) => m.type === "live" && resolve());
    simulator!.on("exit", () => resolve());
  });
}

// f / b switch today's customer master incident off and on (simulator and replay target).
function listenForKeys(): void {
  if (!process.stdin.isTTY) return;
  process.stdin.setRawMode(true);
  process.stdin.resume();
  process.stdin.on("data", (data: Buffer) => {
    const k = data.toString("utf8");
    if (k === "\u0003") return void shutdown(0); // Ctrl-C arrives as a key in raw mode
    if (k === "f" || k === "b") simulator?.send({ key: "customerMaster", enabled: k === "b" });
  });
}
