import { expect, type Page, test } from "@playwright/test";
import { createApiKey, seedCatalogueAndUsers, signIn, USERS } from "./support";

// Issue 15, point 5: the overview puts what needs attention first (value at risk, then
// stuck transactions, then failure rate), and the order can be switched to alphabetical;
// the choice lives in the URL, so a reload or a shared link keeps it.

const RUN = String(Date.now()).slice(-6);
// Two workflows of this run: "a…" sorts first by name, but only "z…" needs attention.
const CALM = `e2e_order_a_${RUN}`;
const AT_RISK = `e2e_order_z_${RUN}`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(120_000);
  await seedCatalogueAndUsers();
  const key = await createApiKey(`e2e-overview-order-${RUN}`);
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const common = (workflow: string, n: number) => ({
    transactionId: `ORD-${RUN}-${n}`,
    workflow,
    site: "east",
    source: "wms-east",
    target: "erp-cloud",
  });
  const events = [
    { ...common(CALM, 1), id: `ORD-${RUN}-1-1`, stage: "received", layer: "source_api", occurredAt: at(30) },
    { ...common(CALM, 1), id: `ORD-${RUN}-1-2`, stage: "acknowledged", layer: "target_api", occurredAt: at(29) },
    {
      ...common(AT_RISK, 2),
      id: `ORD-${RUN}-2-1`,
      stage: "received",
      layer: "source_api",
      occurredAt: at(91),
      // more than any other browser test puts at risk, so this card leads the overview
      value: { amount: 9_000_000, currency: "USD" },
    },
    {
      ...common(AT_RISK, 2),
      id: `ORD-${RUN}-2-2`,
      stage: "failed",
      layer: "target_api",
      occurredAt: at(90),
      error: { code: "PERIOD_CLOSED", message: "Posting period is closed", retryable: false },
    },
  ];
  const res = await fetch(`${testInfo.project.use.baseURL}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  const body = (await res.json()) as { rejected: number };
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(body.rejected).toBe(0);
});

async function cardOrder(page: Page): Promise<string[]> {
  const cards = page.getByTestId("workflow-card");
  await expect(cards.first()).toBeVisible();
  return cards.evaluateAll((els) => els.map((el) => el.getAttribute("data-workflow") ?? ""));
}

test("cards needing attention come first by default; switching to name order is kept in the URL", async ({ page }) => {
  await signIn(page, USERS.engineer);
  await page.goto("/");
  const atRisk = page.locator(`[data-testid="workflow-card"][data-workflow="${AT_RISK}"]`);
  await expect(atRisk.locator('[data-figure="Stuck"] dd').first()).toHaveText("1");
  await expect(page.getByLabel("Order of the workflow cards")).toHaveValue("attention");

  const byAttention = await cardOrder(page);
  expect(byAttention[0]).toBe(AT_RISK);
  expect(byAttention.indexOf(AT_RISK)).toBeLessThan(byAttention.indexOf(CALM));
  expect(page.url()).not.toContain("order=");

  await page.getByLabel("Order of the workflow cards").selectOption("name");
  await expect(page).toHaveURL(/[?&]order=name(&|$)/);
  await expect
    .poll(async () => {
      const names = await cardOrder(page);
      return names.indexOf(CALM) < names.indexOf(AT_RISK);
    })
    .toBe(true);
  const byName = await cardOrder(page);
  expect(byName).toEqual([...byName].sort());

  // Remembered in the URL: a reload (or the link, shared) shows the same order.
  await page.reload();
  await expect(page.getByLabel("Order of the workflow cards")).toHaveValue("name");
  expect(await cardOrder(page)).toEqual(byName);

  // And back: the default order leaves the URL.
  await page.getByLabel("Order of the workflow cards").selectOption("attention");
  await expect(page).not.toHaveURL(/order=/);
  await expect.poll(async () => (await cardOrder(page))[0]).toBe(AT_RISK);
});
