// npm run demo - Crossdock with sample data on the embedded database (or DATABASE_URL):
// migrate, seed the catalogue, start the app, send sample traffic through the public
// ingest API, keep a trickle of live traffic going. Ctrl-C stops everything.
import { spawn } from "node:child_process";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { ensureDatabase } from "@/lib/db/ensure-database";
import { authEnv } from "./lib/auth-env";
import { hashApiKey } from "@/lib/auth/api-keys";
import { createApiKey } from "@/lib/services/create-api-key";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { seedDemoUsers } from "./lib/demo-users";
import { startDemoReplayTarget } from "@/sim/replay-target/demo";
import { sampleTransaction, type SampleEvent } from "./sample-traffic";

const port = Number(process.env.PORT ?? 3000);
const base = `http://localhost:${port}`;
const HISTORY = Number(process.env.DEMO_TRANSACTIONS ?? 3000);

const db = await ensureDatabase();
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
await seedCatalogue(pool);
const key = await demoApiKey(pool);
const users = await seedDemoUsers(pool);
const auth = await authEnv(String(port), true);

const app = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", String(port)], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...auth, DATABASE_URL: db.url },
});
let stopping = false;
let replay: Awaited<ReturnType<typeof startDemoReplayTarget>> | undefined;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log("\ncrossdock: stopping the app and the database");
  app.kill("SIGTERM");
  await replay?.target.close().catch(() => undefined);
  await pool.end().catch(() => undefined);
  await db.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
app.on("exit", (code) => void shutdown(code ?? 1));

await waitForHealth();
// The middleware's redeliver endpoint and the ERP's record check, so replays work end to end.
replay = await startDemoReplayTarget(pool, { crossdockUrl: base, apiKey: key, log: () => undefined }).catch((error: Error) => {
  console.error(`crossdock: the demo replay target did not start (${error.message}); replays will have nowhere to go`);
  return undefined;
});
await loadHistory();
console.log(`\n  Crossdock is running: ${base}/transactions\n\n  Demo users (password for all: ${users.password}):`);
for (const u of users.accounts) console.log(`    ${u.email.padEnd(34)} ${u.role}${u.sites.length ? ` (sites: ${u.sites.join(", ")})` : ""}`);
console.log(`\n  Ingest API key (demo): ${key}`);
if (replay) console.log(`  Replay target (simulated middleware + ERP): ${replay.target.url}`);
console.log(`  Press Ctrl-C to stop.\n`);
void trickle();

// The demo key is kept beside the data so a restarted demo reuses it.
async function demoApiKey(p: pg.Pool): Promise<string> {
  const file = path.resolve(process.env.CROSSDOCK_DATA_DIR ?? ".data", "demo-api-key");
  const saved = await readFile(file, "utf8").then((s) => s.trim(), () => "");
  if (saved) {
    const { rowCount } = await p.query("SELECT 1 FROM api_keys WHERE hash = $1 AND revoked_at IS NULL", [hashApiKey(saved)]);
    if (rowCount) return saved;
  }
  const created = await createApiKey(p, { systemName: "middleware", scopes: ["ingest", "read"], name: "demo", actor: "demo" });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, created.key + "\n", { mode: 0o600 });
  return created.key;
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The app did not become healthy at ${base}/api/health within 3 minutes`);
}

async function send(events: SampleEvent[]): Promise<void> {
  const res = await fetch(`${base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  if (!res.ok) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
}

// The last 24 hours of traffic, with ids fixed per day so a re-run the same day adds nothing.
async function loadHistory(): Promise<void> {
  const day = new Date().toISOString().slice(0, 10);
  const now = Date.now();
  let batch: SampleEvent[] = [];
  for (let n = 0; n < HISTORY; n++) {
    const startedAt = new Date(now - 24 * 3_600_000 + (n / HISTORY) * 23.5 * 3_600_000);
    batch.push(...sampleTransaction(n, startedAt, `hist-${day}`));
    if (batch.length >= 500 || n === HISTORY - 1) {
      await send(batch);
      batch = [];
      process.stdout.write(`\rcrossdock: loading sample history ${Math.round(((n + 1) / HISTORY) * 100)}%`);
    }
  }
  process.stdout.write("\n");
}

async function trickle(): Promise<void> {
  const runId = `live-${Date.now().toString(36)}`;
  for (let n = 0; !stopping; n++) {
    await send(sampleTransaction(n, new Date(Date.now() - 2000), runId)).catch((e: Error) => {
      if (!stopping) console.error(`crossdock: live traffic: ${e.message}`);
    });
    await new Promise((r) => setTimeout(r, 1000));
  }
}
