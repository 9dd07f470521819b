import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { createReplayTarget, type ReplayTarget } from "@/sim/replay-target/server";
import { createThrowawayDatabase, type ThrowawayDatabase } from "./external-postgres";
import { cookieHeader, signInOverHttp } from "./http-session";
import { readProductionSteps } from "./readme-production";
import { replayFromTrace, setReplayEndpoint } from "./replay-from-trace";
import {
  asProcessEnv,
  type Environment,
  freePort,
  type ServerProcess,
  startProcess,
  waitForHealth,
} from "./server-process";

// The README's Production section, followed to the letter against an external PostgreSQL:
// the variables it exports (and nothing else but PATH and HOME), the first admin made with its
// `npm run user:create` line, an API key made as "Ingest API" says, then `npm start`. It reuses
// the production build the browser tests' server made (`npm ci` and `npm run build` are the
// steps CI has already done). If the app needs a variable the README does not list, or the
// README lists one the test does not know, this fails.

const execFileAsync = promisify(execFile);
const RUN = randomBytes(3).toString("hex");
const ERP = `erp-prod-${RUN}`; // where the failed message was going
const TOKEN = "production-start-replay-token";
const ERROR_CODE = "CUSTOMER_MASTER_INVALID";

test.describe.configure({ mode: "serial" });

let db: ThrowawayDatabase | undefined;
let server: ServerProcess | undefined;
let target: ReplayTarget | undefined;
let base = "";
let env: Environment = {};
let admin = { email: "", password: "" };
let apiKey = "";
let sender = ""; // the system the key belongs to: the middleware that sends the events and redelivers them

// The values this test gives the README's variables. A variable the README adds must be added here.
function valuesFor(databaseUrl: string, port: number): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
    CROSSDOCK_SECRET_KEY: randomBytes(32).toString("base64"),
    // the replay target this test starts on this machine
    CROSSDOCK_ALLOWED_PRIVATE_HOSTS: "127.0.0.1",
  };
}

async function npm(args: string[]): Promise<string> {
  try {
    return (await execFileAsync("npm", args, { env: asProcessEnv(env) })).stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const created = await createThrowawayDatabase();
  if ("skip" in created) {
    console.log(`production-start: skipped: ${created.skip}`);
    return;
  }
  db = created;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const steps = readProductionSteps();
  const values = valuesFor(db.url, port);
  const unknown = steps.variables.filter((name) => !(name in values));
  expect(unknown, "README Production exports variables this test gives no value").toEqual([]);
  env = {};
  for (const name of ["PATH", "HOME"]) if (process.env[name]) env[name] = process.env[name]!;
  for (const name of steps.variables) env[name] = values[name]!;

  // The README's steps in its order. `npm ci` and `npm run build` are done (the build is the
  // one the browser tests' server made); every `npm run` step is run as written.
  expect(steps.commands.slice(0, 2)).toEqual(["npm ci", "npm run build"]);
  expect(steps.commands.at(-1)).toBe("npm start");
  for (const command of steps.commands.slice(2, -1)) {
    const [npmWord, run, script, ...args] = command.split(/\s+/);
    expect([npmWord, run], `README Production: a step this test cannot run: ${command}`).toEqual(["npm", "run"]);
    const output = await npm([run!, script!, ...args]);
    if (script === "user:create") {
      admin = {
        email: args[args.indexOf("--email") + 1]!,
        password: /Password \(shown once\): (\S+)/.exec(output)?.[1] ?? "",
      };
    }
    // README, "Ingest API": the key is printed on the last line.
    if (script === "apikey:create") {
      apiKey = output.trim().split("\n").at(-1)!.trim();
      sender = args[args.indexOf("--system") + 1]!;
    }
  }
  expect(admin.password, "README Production creates no admin with a printed password").not.toBe("");
  expect(apiKey, "README Production creates no API key").toMatch(/^cdk_/);

  server = startProcess("npm start", "npm", ["start"], { env });
  await waitForHealth(base, server);
});

test.afterAll(async () => {
  await target?.close();
  await server?.stop("SIGTERM");
  await db?.drop();
});

test.beforeEach(() => {
  test.skip(!db, "no external PostgreSQL answered (see the printed reason)");
});

test("health: the database is reachable and every migration is applied", async () => {
  const res = await fetch(`${base}/api/health`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { status: string; migrations: { applied: number; pending: string[] } };
  expect(body.status).toBe("ok");
  expect(body.migrations.pending).toEqual([]);
  expect(body.migrations.applied).toBeGreaterThan(0);
});

test("ingest: a failed shipment confirmation sent with the key is stored and readable through the API", async () => {
  const id = `SHP-${RUN}`;
  const res = await fetch(`${base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      id: `evt-${RUN}-1`,
      transactionId: `TX-${RUN}`,
      workflow: "shipment_confirmation",
      stage: "failed",
      layer: "target_api",
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      target: ERP,
      site: "east",
      businessKey: id,
      refs: { shipmentId: id },
      error: { code: ERROR_CODE, message: "Customer C-1 failed validation", retryable: false },
    }),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ accepted: 1, rejected: 0 });
  const read = await fetch(`${base}/api/v1/transactions?transactionId=TX-${RUN}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  expect(read.status).toBe(200);
  expect(((await read.json()) as { transactions: { status: string }[] }).transactions).toMatchObject([
    { status: "failed" },
  ]);
});

test("sign-in over HTTP as the admin user:create made opens a signed-in page; without the session it redirects", async () => {
  const jar = await signInOverHttp(base, admin.email, admin.password);
  const page = await fetch(`${base}/transactions`, { headers: { cookie: cookieHeader(jar) }, redirect: "manual" });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(admin.email);
  const anonymous = await fetch(`${base}/transactions`, { redirect: "manual" });
  expect(anonymous.status).toBe(307);
  expect(anonymous.headers.get("location")).toContain("/signin");
});

test("replay: the worker npm start runs delivers it to the middleware, whose outcome comes back through ingest", async ({
  page,
}) => {
  target = await createReplayTarget({
    port: 0,
    crossdockUrl: base,
    apiKey,
    token: TOKEN,
    fixed: [ERROR_CODE],
    outcomeDelayMs: { min: 0, max: 50 },
    log: () => undefined,
  });
  await setReplayEndpoint(db!.url, sender, target.replayUrl, `Bearer ${TOKEN}`, env.CROSSDOCK_SECRET_KEY!);
  await replayFromTrace(page, base, await signInOverHttp(base, admin.email, admin.password), `TX-${RUN}`);
  const read = await fetch(`${base}/api/v1/transactions?transactionId=TX-${RUN}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  expect(((await read.json()) as { transactions: { status: string }[] }).transactions).toMatchObject([
    { status: "succeeded" },
  ]);
});
