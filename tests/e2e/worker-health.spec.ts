import { readdirSync, readFileSync } from "node:fs";
import { type APIRequestContext, expect, type Page, type Response, test } from "@playwright/test";
import { createReplayTarget, type ReplayTarget } from "@/sim/replay-target/server";
import { createApiKey, DEMO_PASSWORD, registerReplayEndpoint, seedCatalogueAndUsers, signIn, USERS } from "./support";

// The worker npm start runs (issue 17): killed with SIGKILL it is replaced and replays go
// out again; frozen (SIGSTOP: no worker beats anywhere), /api/health answers 503 with the
// reason within CROSSDOCK_WORKER_STALE_MS (playwright.config.ts) and engineers, not viewers,
// see the banner; thawed, health is 200 again and the banner goes.

const RUN = String(Date.now()).slice(-6);
const TOKEN = "e2e-worker-health-token";
const STALE_MS = 15_000; // CROSSDOCK_WORKER_STALE_MS of the test server (playwright.config.ts)

test.describe.configure({ mode: "serial" });

let target: ReplayTarget;
let key: string;

// The worker process of this test server: the one running scripts/worker.ts on its data directory.
function workerPid(): number | null {
  const dataDir = `CROSSDOCK_DATA_DIR=${process.env.CROSSDOCK_E2E_DATA_DIR}`;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (!cmdline.includes("scripts/worker.ts")) continue;
      if (readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(dataDir)) return Number(entry);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return null;
}

async function failedShipment(base: string, n: number): Promise<string> {
  const id = `SHP-WH-${RUN}-${n}`;
  const tx = `TX-WH-${RUN}-${n}`;
  const res = await fetch(`${base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      id: `${id}-1`,
      transactionId: tx,
      workflow: "shipment_confirmation",
      stage: "failed",
      layer: "target_api",
      occurredAt: new Date(Date.now() - 600_000).toISOString(),
      source: "wms-east",
      target: "erp-cloud",
      site: "east",
      businessKey: id,
      refs: { shipmentId: id },
      error: { code: "CUSTOMER_MASTER_INVALID", message: "Customer C-1 failed validation", retryable: false },
    }),
  });
  expect(res.status).toBe(200);
  return tx;
}

async function replayFromTrace(page: Page, tx: string): Promise<void> {
  await page.goto(`/transactions/${tx}`);
  await page.getByRole("button", { name: "Replay…", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("Replayed: the transaction is now succeeded", {
    timeout: 60_000,
  });
}

// No banner, and not only because the page has not asked yet: the page's own read of
// /api/background-work after `navigate` says there is nothing to say.
async function expectNoBanner(page: Page, navigate: () => Promise<unknown>): Promise<void> {
  const answers: (string | null)[] = [];
  const listen = async (r: Response) => {
    if (!r.url().endsWith("/api/background-work")) return;
    // A read of the page navigated away from has no body any more; it is not this page's.
    const body = await r.json().catch(() => undefined);
    if (body) answers.push((body as { banner: string | null }).banner);
  };
  page.on("response", listen);
  try {
    await navigate();
    await expect.poll(() => answers.at(-1), { timeout: 30_000 }).toBeNull();
  } finally {
    page.off("response", listen);
  }
  await expect(page.getByTestId("background-work-banner")).toHaveCount(0);
}

async function health(request: APIRequestContext): Promise<{ status: number; reasons: string[] }> {
  const res = await request.get("/api/health");
  return { status: res.status(), reasons: ((await res.json()) as { reasons: string[] }).reasons };
}

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const base = testInfo.project.use.baseURL!;
  await seedCatalogueAndUsers();
  key = await createApiKey(`e2e-worker-health-${RUN}`);
  target = await createReplayTarget({
    port: 0,
    crossdockUrl: base,
    apiKey: key,
    token: TOKEN,
    fixed: ["CUSTOMER_MASTER_INVALID"],
    outcomeDelayMs: { min: 50, max: 200 },
    log: () => undefined,
  });
  await registerReplayEndpoint(target.replayUrl, ["erp-cloud"], TOKEN);
  // A fresh production server renders its first pages slowly on a busy machine (this spec
  // may run alone): sign in once here, so the timed steps below are not the first.
  const warmUp = await browser.newPage();
  await warmUp.goto("/signin");
  await warmUp.getByLabel("Email").fill(USERS.engineer);
  await warmUp.getByLabel("Password").fill(DEMO_PASSWORD);
  await warmUp.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(warmUp.getByTestId("signed-in-as")).toContainText(USERS.engineer, { timeout: 120_000 });
  await warmUp.goto("/transactions", { timeout: 120_000 });
  await warmUp.close();
});

test.afterAll(async () => {
  // Never leave the server's worker frozen for whatever runs next.
  const pid = workerPid();
  if (pid) process.kill(pid, "SIGCONT");
  await target?.close();
});

test("a worker killed with SIGKILL is replaced by npm start, and a replay asked for meanwhile is delivered", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await expect.poll(() => workerPid(), { timeout: 30_000 }).not.toBeNull();
  const killed = workerPid()!;
  const tx = await failedShipment(test.info().project.use.baseURL!, 1);
  await signIn(page, USERS.engineer);

  process.kill(killed, "SIGKILL");
  await replayFromTrace(page, tx); // queued while no worker runs; delivered by the replacement
  const replacement = workerPid();
  expect(replacement).not.toBeNull();
  expect(replacement).not.toBe(killed);
  expect(target.control.snapshot().replays.succeeded).toBeGreaterThanOrEqual(1);
  await expect.poll(async () => (await health(request)).status, { timeout: 30_000 }).toBe(200);
});

test("with every worker stopped, /api/health turns 503 with the reason in time and engineers see the banner; back when one returns", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.engineer);
  await expectNoBanner(page, () => page.goto("/")); // a worker runs

  const pid = workerPid()!;
  process.kill(pid, "SIGSTOP"); // no heartbeat from anywhere, and the supervisor sees no exit
  const stoppedAt = Date.now();
  await expect
    .poll(async () => (await health(request)).status, { timeout: STALE_MS + 10_000, intervals: [500] })
    .toBe(503);
  expect(Date.now() - stoppedAt).toBeLessThan(STALE_MS + 10_000);
  expect((await health(request)).reasons).toEqual([expect.stringMatching(/^no worker has been seen for \d+ s/)]);
  expect((await request.get("/api/health/ready")).status()).toBe(503);
  expect((await request.get("/api/health/live")).status()).toBe(200);

  await page.goto("/failures");
  await expect(page.getByTestId("background-work-banner")).toContainText(
    /Background work stopped \d+ (s|min) ago: .*dashboards are not updating/,
  );
  // A viewer is not shown it (and may not ask for it).
  const viewer = await browser.newPage();
  await signIn(viewer, USERS.viewer);
  await viewer.goto("/failures");
  expect((await viewer.request.get("/api/background-work")).status()).toBe(403);
  await expect(viewer.getByTestId("background-work-banner")).toHaveCount(0);

  process.kill(pid, "SIGCONT");
  await expect.poll(async () => (await health(request)).status, { timeout: 30_000, intervals: [500] }).toBe(200);
  await expectNoBanner(page, () => page.reload());
});
