import { expect, type Page, test } from "@playwright/test";
import { createReplayTarget, type ReplayTarget } from "@/sim/replay-target/server";
import { createApiKey, registerReplayEndpoint, seedCatalogueAndUsers, signIn, USERS } from "./support";

// The customer master incident, fixed: the warehouse manager of east replays the stuck
// group of rejected shipment confirmations from Stuck work; the replay worker delivers
// them to the middleware's replay endpoint (the demo's replay target, told the cause is
// fixed), the outcomes come back through ingest, the group leaves Stuck work, and the
// ERP bills the loads, so the value finance sees waiting drops.

const RUN = String(Date.now()).slice(-6);
// Letters, so the error signature (which normalises digits) is this spec's own.
const TAG = RUN.replace(/\d/g, (d) => "abcdefghij"[Number(d)]!);
const TOKEN = "e2e-replay-token";
const CURRENCY = "SEK"; // no other spec sends it: the value waiting in it is this spec's
const AMOUNTS = [400, 500, 600];

test.describe.configure({ mode: "serial" });

let target: ReplayTarget;

function shipment(n: number, amount: number, startedAt: number, tag = TAG): Record<string, unknown>[] {
  const id = `SHP-RG-${RUN}-${n}`;
  const common = {
    transactionId: `TX-RG-${RUN}-${n}`,
    workflow: "shipment_confirmation",
    site: "east",
    source: "wms-east",
    target: "erp-cloud",
    businessKey: id,
    refs: { shipmentId: id, loadId: `L-RG-${RUN}`, customerId: "C-10001" },
  };
  const at = (s: number) => new Date(startedAt + s * 1000).toISOString();
  return [
    {
      ...common,
      id: `${id}-1`,
      stage: "received",
      layer: "source_api",
      occurredAt: at(0),
      value: { amount, currency: CURRENCY },
    },
    { ...common, id: `${id}-2`, stage: "transformed", layer: "middleware", occurredAt: at(1) },
    { ...common, id: `${id}-3`, stage: "published", layer: "broker", occurredAt: at(2) },
    {
      ...common,
      id: `${id}-4`,
      stage: "failed",
      layer: "target_api",
      occurredAt: at(3),
      error: {
        code: "CUSTOMER_MASTER_INVALID",
        message: `Customer C-10001 failed validation: missing tax jurisdiction ${tag}`,
        retryable: false,
      },
    },
  ];
}

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(120_000);
  const base = testInfo.project.use.baseURL!;
  await seedCatalogueAndUsers();
  const key = await createApiKey(`e2e-replay-${RUN}`);
  // The middleware's replay endpoint, after the fix: replays of CUSTOMER_MASTER_INVALID post.
  target = await createReplayTarget({
    port: 0,
    crossdockUrl: base,
    apiKey: key,
    token: TOKEN,
    fixed: ["CUSTOMER_MASTER_INVALID"],
    outcomeDelayMs: { min: 50, max: 300 },
    log: () => undefined,
  });
  await registerReplayEndpoint(target.replayUrl, ["erp-cloud"], TOKEN);
  const threeHoursAgo = Date.now() - 3 * 3_600_000;
  const events = [
    ...AMOUNTS.flatMap((amount, i) => shipment(i + 1, amount, threeHoursAgo + i * 60_000)),
    // One more, with an error of its own: replayed alone from its trace.
    ...shipment(9, 70, threeHoursAgo, `${TAG}single`),
  ];
  const res = await fetch(`${base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { rejected: number }).rejected).toBe(0);
});

test.afterAll(async () => {
  await target?.close();
});

const group = (page: Page) => page.locator("li", { hasText: TAG });

test("one click replays a failed shipment confirmation from its trace: what goes where, then the outcome", async ({
  page,
}) => {
  await signIn(page, USERS.managerEast);
  await page.goto(`/transactions/TX-RG-${RUN}-9`);
  await expect(page.getByText("failed", { exact: true }).first()).toBeVisible();
  await page.getByRole("button", { name: "Replay…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("erp-cloud").first()).toBeVisible();
  await expect(dialog.getByText(/^crossdock-[0-9a-f-]{36}$/)).toBeVisible(); // the idempotency key every replay of it carries
  await dialog.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("Replayed: the transaction is now succeeded", {
    timeout: 30_000,
  });
});

test("replaying the fixed customer master group clears it from Stuck work and lowers the value waiting to be invoiced", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.admin);
  await page.goto("/finance");
  await expect(page.getByText(/SEK\s?1,500\.00/).first()).toBeVisible({ timeout: 30_000 });

  const manager = await browser.newPage();
  await signIn(manager, USERS.managerEast);
  await manager.goto("/stuck?site=east");
  await expect(group(manager)).toContainText("3 shipment confirmations from east");
  await group(manager).getByRole("button", { name: "Replay group…" }).click();
  await expect(manager.getByTestId("bulk-estimate")).toContainText("3 transactions");
  await manager.getByPlaceholder("e.g. customer master corrected at 09:40").fill("customer master corrected");
  await manager.getByRole("button", { name: /^Replay 3$/ }).click();
  await manager.waitForURL(/\/replays\//);
  await expect(manager.getByText(/3 of 3 done · done/)).toBeVisible({ timeout: 60_000 });

  // The outcomes arrive through ingest; Stuck work no longer lists the group.
  await expect(async () => {
    await manager.goto("/stuck?site=east");
    await expect(manager.getByText("Stuck groups")).toBeVisible();
    await expect(group(manager)).toHaveCount(0);
  }).toPass({ timeout: 45_000, intervals: [2_000] });

  // The ERP billed the loads: nothing in SEK waits to be invoiced any more.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Value waiting to be invoiced")).toBeVisible();
    await expect(page.getByText(/SEK\s?1,500\.00/)).toHaveCount(0);
  }).toPass({ timeout: 45_000, intervals: [2_000] });
});
