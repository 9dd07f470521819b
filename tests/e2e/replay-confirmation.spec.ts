import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";
import { createApiKey, registerReplayEndpoint, seedCatalogueAndUsers, signIn, USERS } from "./support";

// Issue 15, point 1: a replay the target accepted must not look failed. The warehouse
// manager of east replays a rejected shipment confirmation from its trace; the middleware's
// redeliver endpoint answers 503 once, the worker retries with the same Idempotency-Key and
// the endpoint accepts. The trace then says it was replayed and waits for the ERP's
// confirmation, with the refusal on the trace as history and no current error; the ERP's
// acknowledgement, arriving through ingest, makes it succeeded. Another replayed
// transaction, of a workflow whose SLA is one minute, gets no confirmation: a minute after
// the acceptance it reads stuck again, with the replay as the reason.

const execFileAsync = promisify(execFile);
const RUN = String(Date.now()).slice(-6);
const SENDER = `e2e-replay-confirmation-${RUN}`;
// A target of its own, without a replay endpoint: the replay goes to the sender's endpoint
// (the middleware's redeliver endpoint), whatever other specs register on erp-cloud.
const TARGET = `erp-rc-${RUN}`;
const TX = `TX-RC-${RUN}`;
const SHIPMENT = `SHP-RC-${RUN}`;

test.describe.configure({ mode: "serial" });

// The middleware's redeliver endpoint: busy on the first delivery of a key, then accepts.
const endpoint = {
  requests: new Map<string, number>(),
  server: null as Server | null,
  url: "",
};

let key: string;

async function send(baseURL: string, events: Record<string, unknown>[]): Promise<void> {
  const res = await fetch(`${baseURL}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  const body = (await res.json()) as { rejected: number };
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(body.rejected).toBe(0);
}

const common = {
  transactionId: TX,
  workflow: "shipment_confirmation",
  site: "east",
  source: "wms-east",
  target: TARGET,
  businessKey: SHIPMENT,
  refs: { shipmentId: SHIPMENT },
};

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(120_000);
  endpoint.server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.method !== "POST") {
        res.writeHead(405).end();
        return;
      }
      const idempotencyKey = String(req.headers["idempotency-key"] ?? "");
      const n = (endpoint.requests.get(idempotencyKey) ?? 0) + 1;
      endpoint.requests.set(idempotencyKey, n);
      const [status, body] = n === 1 ? [503, { error: { message: "busy, try later" } }] : [202, { accepted: true }];
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => endpoint.server!.listen(0, "127.0.0.1", resolve));
  endpoint.url = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}/replay`;

  await seedCatalogueAndUsers();
  key = await createApiKey(SENDER);
  await registerReplayEndpoint(endpoint.url, [SENDER]);
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  await send(testInfo.project.use.baseURL!, [
    {
      ...common,
      id: `${TX}-1`,
      stage: "received",
      layer: "source_api",
      occurredAt: at(45),
      value: { amount: 830, currency: "USD" },
      payload: { shipment: SHIPMENT },
    },
    {
      ...common,
      id: `${TX}-2`,
      stage: "failed",
      layer: "target_api",
      occurredAt: at(44),
      error: { code: "CUSTOMER_MASTER_INVALID", message: "Customer C-10001 failed validation", retryable: false },
    },
  ]);
});

test.afterAll(async () => {
  endpoint.server?.closeAllConnections();
  await new Promise<void>((resolve) => (endpoint.server ? endpoint.server.close(() => resolve()) : resolve()));
});

const headerStatus = (page: Page) => page.locator("header:has(h1) [data-status]");

test("a replay the endpoint refused once, then accepted, waits for the ERP's confirmation with no current error", async ({
  page,
}) => {
  await signIn(page, USERS.managerEast);
  await page.goto(`/transactions/${TX}`);
  await expect(headerStatus(page)).toHaveText("failed");
  await page.getByRole("button", { name: "Replay…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("Accepted by the target", { timeout: 30_000 });

  await page.reload();
  await expect(headerStatus(page)).toHaveText("replaying");
  const wait = page.getByTestId("replay-wait");
  await expect(wait).toContainText(/^Replayed at \d\d:\d\d UTC by /);
  await expect(wait).toContainText(`by ${USERS.managerEast}, waiting for ${TARGET}'s confirmation.`);
  await expect(wait).toHaveAttribute("data-stuck", "false");
  // The error it was replayed for is history; the refusal is on the trace, not the error.
  const error = page.getByTestId("transaction-error");
  await expect(error.getByRole("heading")).toHaveText(/^Earlier error at target_api, before the replay$/);
  await expect(error).not.toContainText("REPLAY_TARGET_UNAVAILABLE");
  const refusal = page.locator('tr[data-stage="retry_scheduled"]');
  await expect(refusal).toContainText("REPLAY_TARGET_UNAVAILABLE");
  await expect(refusal).toContainText("HTTP 503: busy, try later");
  await expect(page.locator('tr[data-stage="delivered"]')).toHaveCount(1); // the acceptance
  await expect(page.getByTestId("attempt-history")).toContainText("retry scheduled");
  // One key, sent twice (the 503, then the acceptance): the target posted once.
  expect([...endpoint.requests.values()]).toEqual([2]);
  expect([...endpoint.requests.keys()][0]).toMatch(/^crossdock-[0-9a-f-]{36}$/);
});

test("the ERP's acknowledgement, ingested later, makes it succeeded", async ({ page }, testInfo) => {
  await send(testInfo.project.use.baseURL!, [
    { ...common, id: `${TX}-ack`, stage: "acknowledged", layer: "target_api", occurredAt: new Date().toISOString() },
  ]);
  await signIn(page, USERS.managerEast);
  await page.goto(`/transactions/${TX}`);
  await expect(headerStatus(page)).toHaveText("succeeded");
  await expect(page.getByTestId("replay-wait")).toHaveCount(0);
  await expect(page.getByTestId("transaction-error").getByRole("heading")).toHaveText(
    "Earlier error at target_api, before the transaction was succeeded",
  );
});

// The SLA of a workflow of this spec's own, on the server's embedded database (setup only).
const SET_SLA = `
import pg from "pg";
import { ensureDatabase } from "@/lib/postgres/ensure-database";
const db = await ensureDatabase(() => undefined);
const pool = new pg.Pool({ connectionString: db.url, max: 1 });
try {
  const r = await pool.query("UPDATE workflows SET sla_minutes = 1 WHERE name = $1", [process.env.WORKFLOW]);
  if (r.rowCount !== 1) throw new Error("workflow " + process.env.WORKFLOW + " not found");
} finally { await pool.end(); await db.stop(); }
`;

test("without a confirmation, it is stuck again once the SLA has passed since the replay", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const workflow = `rc_wait_${RUN}`;
  const tx = `TX-RC-WAIT-${RUN}`;
  const base = {
    ...common,
    transactionId: tx,
    workflow,
    businessKey: `${SHIPMENT}-W`,
    refs: { shipmentId: `${SHIPMENT}-W` },
  };
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  await send(testInfo.project.use.baseURL!, [
    { ...base, id: `${tx}-1`, stage: "received", layer: "source_api", occurredAt: at(45) },
    {
      ...base,
      id: `${tx}-2`,
      stage: "failed",
      layer: "target_api",
      occurredAt: at(44),
      error: { code: "CUSTOMER_MASTER_INVALID", message: "Customer C-10002 failed validation", retryable: false },
    },
  ]);
  await execFileAsync("npx", ["tsx", "--input-type=module", "--eval", SET_SLA], {
    env: { ...process.env, CROSSDOCK_DATA_DIR: process.env.CROSSDOCK_E2E_DATA_DIR, WORKFLOW: workflow },
  });

  await signIn(page, USERS.managerEast);
  await page.goto(`/transactions/${tx}`);
  await page.getByRole("button", { name: "Replay…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("Accepted by the target", { timeout: 30_000 });
  await page.reload();
  const wait = page.getByTestId("replay-wait");
  await expect(wait).toHaveAttribute("data-stuck", "false");

  // A minute after the acceptance, as the person reloading the page would see it.
  await expect(async () => {
    await page.reload();
    await expect(wait).toHaveAttribute("data-stuck", "true", { timeout: 1_000 });
  }).toPass({ timeout: 150_000, intervals: [5_000] });
  await expect(headerStatus(page)).toHaveText("replaying");
  await expect(wait).toContainText("Stuck again: replayed, not confirmed within 1 min.");
  await expect(page.getByTestId("transaction-error")).not.toContainText("REPLAY_TARGET_UNAVAILABLE");
});
