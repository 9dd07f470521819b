import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { createReplayTarget, type ReplayTarget } from "@/sim/replay-target/server";
import { createThrowawayDatabase, type ThrowawayDatabase } from "./external-postgres";
import { cookieHeader, signInOverHttp } from "./http-session";
import { readImageDefinition } from "./image-definition";
import { replayFromTrace, setReplayEndpoint } from "./replay-from-trace";
import {
  asProcessEnv,
  type Environment,
  freePort,
  type ServerProcess,
  startProcess,
  waitForHealth,
} from "./server-process";

// The container image without Docker (no daemon or base images here): the folder the
// Dockerfile's build stage assembles, made by the same command from the build the browser
// tests' server made, run outside the checkout with the runtime stage's ENV, CMD and
// HEALTHCHECK and compose's commands and variables, against an external PostgreSQL. The one
// difference is the port: the container's 3000 would collide here, so PORT is a free one.

const execFileAsync = promisify(execFile);
const image = readImageDefinition();
const RUN = randomBytes(3).toString("hex");
const SYSTEM = `mule-img-${RUN}`;
const ERP = `erp-img-${RUN}`;
const TOKEN = "standalone-image-replay-token";
const ERROR_CODE = "CUSTOMER_MASTER_INVALID";
const ADMIN = { email: `admin-${RUN}@example.com`, password: `image-admin-${RUN}-password` };

test.describe.configure({ mode: "serial" });

let db: ThrowawayDatabase | undefined;
let dir = "";
let app: ServerProcess | undefined;
let worker: ServerProcess | undefined;
let target: ReplayTarget | undefined;
let base = "";
let env: Environment = {};
let apiKey = "";

// The values this test gives the variables compose sets. A variable compose adds must be added here.
function composeValues(databaseUrl: string, port: number): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    CROSSDOCK_SECRET_KEY: randomBytes(32).toString("base64"),
    CROSSDOCK_ALLOWED_PRIVATE_HOSTS: "127.0.0.1", // the replay target this test starts
  };
}

// A command of the image, run in the assembled folder: "node" is this Node, as the image has no other.
function imageCommand(name: string, argv: string[]): ServerProcess {
  expect(argv[0], `${name}: the image runs node`).toBe("node");
  return startProcess(name, process.execPath, argv.slice(1), { cwd: dir, env });
}

async function runToEnd(name: string, argv: string[]): Promise<string> {
  const run = imageCommand(name, argv);
  const exit = await run.exited;
  expect(exit, run.output()).toEqual({ code: 0, signal: null });
  return run.output();
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const created = await createThrowawayDatabase();
  if ("skip" in created) {
    console.log(`standalone-image: skipped: ${created.skip}`);
    return;
  }
  db = created;
  dir = await mkdtemp(path.join(os.tmpdir(), "crossdock-image-"));
  // The build stage's command, writing to the temporary folder instead of /image.
  const [node, ...args] = image.assemble;
  expect(node).toBe("node");
  await execFileAsync(process.execPath, [...args.slice(0, -1), dir]);

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const values = composeValues(db.url, port);
  expect(image.composeEnv.filter((name) => !(name in values))).toEqual([]);
  env = { ...image.env, PORT: String(port) };
  for (const name of image.composeEnv) env[name] = values[name]!;

  await runToEnd("migrate", image.commands.migrate!);
  await runToEnd("user-create", [
    "node",
    "scripts/user-create.mjs",
    "--email",
    ADMIN.email,
    "--role",
    "admin",
    "--password",
    ADMIN.password,
  ]);
  const keyOutput = await runToEnd("apikey-create", [
    "node",
    "scripts/apikey-create.mjs",
    "--system",
    SYSTEM,
    "--scopes",
    "ingest,read",
  ]);
  apiKey = keyOutput.trim().split("\n").at(-1)!.trim(); // printed on the last line

  expect(image.commands.app).toEqual(image.cmd);
  app = imageCommand("app", image.cmd);
  worker = imageCommand("worker", image.commands.worker!);
  await waitForHealth(base, app);
  // The worker is up once it has registered for the shared replay limits (0 if it died at start).
  await expect
    .poll(() => liveWorkers(), { timeout: 60_000, message: `the worker did not start\n${worker.output()}` })
    .toBe(1);
});

async function liveWorkers(): Promise<number> {
  const pool = new pg.Pool({ connectionString: db!.url, max: 1 });
  try {
    return (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM replay_workers`)).rows[0]!.n;
  } finally {
    await pool.end();
  }
}

test.afterAll(async () => {
  await target?.close();
  await app?.stop("SIGKILL");
  await worker?.stop("SIGKILL");
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test.beforeEach(() => {
  test.skip(!db, "no external PostgreSQL answered (see the printed reason)");
});

test("the HEALTHCHECK passes against the running server and fails when nothing answers", async () => {
  const [node, ...args] = image.healthcheck;
  expect(node).toBe("node");
  await execFileAsync(process.execPath, args, { cwd: dir, env: asProcessEnv(env) });
  const nobody = String(await freePort());
  await expect(
    execFileAsync(process.execPath, args, { cwd: dir, env: asProcessEnv({ ...env, PORT: nobody }) }),
  ).rejects.toThrow(/did not answer/);
});

test("the assembled folder serves a signed-in page with its scripts and styles, and the public files", async () => {
  const jar = await signInOverHttp(base, ADMIN.email, ADMIN.password);
  const page = await fetch(`${base}/transactions`, { headers: { cookie: cookieHeader(jar) }, redirect: "manual" });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain(ADMIN.email);
  const assets = [...html.matchAll(/\/_next\/static\/[^"'\s]+\.(?:js|css)/g)].map((m) => m[0]);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of new Set(assets)) expect((await fetch(`${base}${asset}`)).status, asset).toBe(200);
  expect((await fetch(`${base}/openapi.yaml`)).status).toBe(200);
});

test("ingest, then a replay delivered by the bundled worker and reported back through ingest", async ({ page }) => {
  const res = await fetch(`${base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      id: `evt-${RUN}-1`,
      transactionId: `TX-IMG-${RUN}`,
      workflow: "shipment_confirmation",
      stage: "failed",
      layer: "target_api",
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      target: ERP,
      businessKey: `SHP-IMG-${RUN}`,
      error: { code: ERROR_CODE, message: "Customer C-1 failed validation", retryable: false },
    }),
  });
  expect(await res.json()).toMatchObject({ accepted: 1, rejected: 0 });
  target = await createReplayTarget({
    port: 0,
    crossdockUrl: base,
    apiKey,
    token: TOKEN,
    fixed: [ERROR_CODE],
    outcomeDelayMs: { min: 0, max: 50 },
    log: () => undefined,
  });
  await setReplayEndpoint(db!.url, SYSTEM, target.replayUrl, `Bearer ${TOKEN}`, env.CROSSDOCK_SECRET_KEY!);
  await replayFromTrace(page, base, await signInOverHttp(base, ADMIN.email, ADMIN.password), `TX-IMG-${RUN}`).catch(
    (error: Error) => {
      throw new Error(`${error.message}\n${worker!.output()}\n${app!.output()}`);
    },
  );
});

// Half a batch is sent, the server gets SIGTERM, then the rest: the request still completes
// and its events are stored; new connections are refused; the process exits by itself.
test("SIGTERM: an ingest request in flight finishes and is stored, then the server exits", async () => {
  const body = JSON.stringify({
    events: Array.from({ length: 50 }, (_, i) => ({
      id: `evt-${RUN}-term-${i}`,
      transactionId: `TX-TERM-${RUN}-${i}`,
      workflow: "shipment_confirmation",
      stage: "received",
      layer: "source_api",
      occurredAt: new Date().toISOString(),
    })),
  });
  const half = Math.floor(body.length / 2);
  let sent: () => void = () => undefined;
  const headersSent = new Promise<void>((resolve) => (sent = resolve));
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${base}/api/v1/events`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${apiKey}`,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        connection: "close",
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.write(body.slice(0, half), () => sent());
    void headersSent.then(async () => {
      await new Promise((r) => setTimeout(r, 1000)); // the handler is now waiting for the rest of the body
      app!.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 1000));
      req.end(body.slice(half));
    });
  });
  const { status, text } = await answer;
  expect(status, text).toBe(200);
  expect(JSON.parse(text)).toMatchObject({ accepted: 50, rejected: 0 });
  const exit = await Promise.race([app!.exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
  expect(exit, `the server did not exit within 15 s of SIGTERM\n${app!.output()}`).not.toBeNull();
  await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  const pool = new pg.Pool({ connectionString: db!.url, max: 1 });
  try {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM transactions WHERE external_id LIKE $1`,
      [`TX-TERM-${RUN}-%`],
    );
    expect(rows[0]!.n).toBe(50);
  } finally {
    await pool.end();
  }
});

test("SIGTERM: the worker stops cleanly and leaves the shared replay limits", async () => {
  expect(await liveWorkers()).toBe(1);
  const exit = await worker!.stop("SIGTERM", 20_000);
  expect(exit, worker!.output()).toEqual({ code: 0, signal: null });
  expect(await liveWorkers()).toBe(0);
});
