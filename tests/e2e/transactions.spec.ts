import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { createApiKey, seedCatalogueAndUsers, signIn, USERS } from "./support";

// The transaction screens against the production build: events go in through the public
// ingest API with a real API key, and a person finds, filters and opens them in a browser.

const SCREENSHOT_DIR = "test-results/screenshots";

// Event ids are idempotency keys, so every run sends new ones.
const RUN = String(Date.now()).slice(-6);
const SUCCEEDED_KEY = `SHP-${RUN}-01`;
const FAILED_KEY = `SHP-${RUN}-02`;
const FAILED_TX = `TX-${RUN}-02`;
// Not in the catalogue: must be accepted and flagged, never dropped.
const UNREGISTERED_WORKFLOW = "carrier_label_request";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(120_000);
  await seedCatalogueAndUsers();
  const key = await createApiKey("e2e-middleware");

  const baseURL = testInfo.project.use.baseURL!;
  const response = await fetch(`${baseURL}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events: sampleEvents() }),
  });
  const body = (await response.json()) as { accepted: number; rejected: number };
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(body.rejected).toBe(0);
});

// An engineer sees everything, payloads included: the screenshots show the full screens.
test.beforeEach(async ({ page }) => {
  await signIn(page, USERS.engineer);
});

test("lists transactions newest first with status and flags", async ({ page }) => {
  await page.goto("/transactions");
  await expect(page.getByRole("heading", { name: "Transactions", level: 1 })).toBeVisible();
  await expect(rowOf(page, SUCCEEDED_KEY).locator("[data-status]")).toHaveText("succeeded");
  await expect(rowOf(page, FAILED_KEY).locator("[data-status]")).toHaveText("failed");
  // The failed one is the most recent activity, so it comes first.
  await expect(page.locator("tbody tr").first()).toContainText(FAILED_KEY);
  await expect(rowOf(page, FAILED_KEY)).toContainText("target_api");
  await expect(rowOf(page, FAILED_KEY).getByText("unregistered")).toHaveCount(0);
  await expect(page.locator("tbody tr", { hasText: UNREGISTERED_WORKFLOW }).getByText("unregistered")).toBeVisible();
  await saveScreenshot(page, "transactions.png");
});

test("filters by status through the form, keeping the filter in the URL", async ({ page }) => {
  await page.goto("/transactions");
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]status=failed(&|$)/);
  await expect(rowOf(page, FAILED_KEY)).toBeVisible();
  await expect(rowOf(page, SUCCEEDED_KEY)).toHaveCount(0);
  const statuses = await page.locator("tbody [data-status]").allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(["failed"]));
  // The form shows the filter that is applied.
  await expect(page.getByLabel("Status")).toHaveValue("failed");
});

test("pages forward with a cursor that keeps the filters, and back to the first page", async ({ page }) => {
  await page.goto("/transactions?site=east&limit=2");
  // Compared by business key: the age column may tick over between two loads.
  const keys = () => page.locator("tbody tr a").allTextContents();
  const firstPage = await keys();
  expect(firstPage).toHaveLength(2);
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect(page).toHaveURL(/[?&]site=east(&|$)/);
  await expect(page).toHaveURL(/[?&]limit=2(&|$)/);
  const secondPage = await keys();
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.filter((key) => firstPage.includes(key))).toEqual([]);
  for (const row of await page.locator("tbody tr").allTextContents()) expect(row).toContain("east");
  await page.getByRole("link", { name: "First page" }).click();
  await expect(page).not.toHaveURL(/cursor=/);
  expect(await keys()).toEqual(firstPage);
});

test("finds a transaction by its business key, then opens its trace", async ({ page }) => {
  await page.goto("/transactions");
  await page.getByLabel("Search").fill(FAILED_KEY);
  await page.getByLabel("Search").press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${FAILED_KEY}(&|$)`));
  await expect(page.locator("tbody tr")).toHaveCount(1);

  await rowOf(page, FAILED_KEY).getByRole("link").click();
  await expect(page).toHaveURL(/\/transactions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(FAILED_KEY);
  await expect(page.getByText(FAILED_TX)).toBeVisible();
  const error = page.getByTestId("transaction-error");
  await expect(error).toContainText("CUSTOMER_MASTER_INVALID");
  await expect(error).toContainText("target_api");
  await expect(page.getByText("$8,412.50")).toBeVisible();

  // Sent out of order on purpose: the trace is shown in the order things happened.
  const stages = await page
    .locator("tbody tr[data-stage]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-stage")));
  expect(stages).toEqual(["received", "transformed", "published", "failed"]);
  await expect(page.locator("tbody tr[data-failing]")).toHaveCount(1);
  await expect(page.locator("tbody tr[data-failing]")).toHaveAttribute("data-stage", "failed");
  await saveScreenshot(page, "transaction-detail.png");

  await page.getByRole("link", { name: "← Transactions" }).click();
  await expect(page).toHaveURL(/\/transactions$/);
});

function rowOf(page: Page, businessKey: string) {
  return page.locator("tbody tr", { has: page.getByRole("link", { name: businessKey, exact: true }) });
}

// Always kept under test-results/; copied into public/ (the README's images) only on request.
async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const file = path.join(SCREENSHOT_DIR, name);
  await page.screenshot({ path: file });
  if (process.env.UPDATE_SCREENSHOTS === "1") {
    await mkdir("public/screenshots", { recursive: true });
    await copyFile(file, path.join("public/screenshots", name));
  }
}

type Step = [stage: string, layer: string, extra?: Record<string, unknown>];

// One transaction's events, a second or so apart, ending `endedMinutesAgo` minutes ago.
function trace(
  tx: {
    n: string;
    workflow: string;
    site: string;
    source: string;
    target: string;
    businessKey: string;
    endedMinutesAgo: number;
    refs?: object;
    value?: object;
    quantity?: number;
  },
  steps: Step[],
) {
  const end = Date.now() - tx.endedMinutesAgo * 60_000;
  return steps.map(([stage, layer, extra], i) => ({
    id: `EV-${RUN}-${tx.n}-${i + 1}`,
    transactionId: `TX-${RUN}-${tx.n}`,
    workflow: tx.workflow,
    stage,
    layer,
    occurredAt: new Date(end - (steps.length - 1 - i) * 1_250 - 3).toISOString(),
    site: tx.site,
    source: tx.source,
    target: tx.target,
    businessKey: tx.businessKey,
    refs: tx.refs,
    value: tx.value,
    quantity: tx.quantity,
    ...extra,
  }));
}

function sampleEvents() {
  const outbound = { source: "wms-east", target: "erp-cloud" };
  const failed = trace(
    {
      n: "02",
      workflow: "shipment_confirmation",
      site: "south",
      source: "wms-legacy-south",
      target: "erp-cloud",
      businessKey: FAILED_KEY,
      endedMinutesAgo: 0,
      refs: { shipmentId: FAILED_KEY, loadId: `L-${RUN}-7`, orderId: `SO-${RUN}-2`, customerId: "C-4471" },
      value: { amount: "8412.50", currency: "USD" },
      quantity: 36,
    },
    [
      ["received", "source_api", { durationMs: 35 }],
      ["transformed", "middleware", { durationMs: 48 }],
      ["published", "broker", { durationMs: 6 }],
      [
        "failed",
        "target_api",
        {
          durationMs: 912,
          attempt: 1,
          error: {
            code: "CUSTOMER_MASTER_INVALID",
            message: "Customer C-4471 failed validation: missing tax registration",
            retryable: false,
          },
        },
      ],
    ],
  ).reverse();
  return [
    ...trace(
      {
        n: "01",
        workflow: "shipment_confirmation",
        site: "east",
        ...outbound,
        businessKey: SUCCEEDED_KEY,
        endedMinutesAgo: 4,
        refs: { shipmentId: SUCCEEDED_KEY, loadId: `L-${RUN}-1`, orderId: `SO-${RUN}-1` },
        value: { amount: "1200.50", currency: "USD" },
        quantity: 12,
      },
      [
        ["received", "source_api", { durationMs: 22 }],
        ["transformed", "middleware", { durationMs: 41 }],
        ["published", "broker", { durationMs: 5 }],
        ["acknowledged", "target_api", { durationMs: 640 }],
      ],
    ),
    ...failed,
    // Background traffic in the other states, so the list looks like a working day.
    ...trace(
      {
        n: "03",
        workflow: "order_release",
        site: "central",
        source: "erp-cloud",
        target: "wms-central",
        businessKey: `SO-${RUN}-3`,
        endedMinutesAgo: 2,
        refs: { orderId: `SO-${RUN}-3` },
      },
      [
        ["received", "source_api"],
        ["transformed", "middleware", { durationMs: 30 }],
      ],
    ),
    ...trace(
      {
        n: "04",
        workflow: "goods_receipt",
        site: "east",
        ...outbound,
        businessKey: `GR-${RUN}-4`,
        endedMinutesAgo: 9,
        refs: { sku: "SKU-20931" },
        quantity: 240,
      },
      [
        ["received", "source_api"],
        [
          "failed",
          "broker",
          { error: { code: "BROKER_UNAVAILABLE", message: "publish timed out after 30000 ms", retryable: true } },
        ],
      ],
    ),
    ...trace(
      {
        n: "05",
        workflow: "invoice_posting",
        site: "east",
        source: "erp-cloud",
        target: "erp-cloud",
        businessKey: `INV-${RUN}-5`,
        endedMinutesAgo: 17,
        refs: { invoiceId: `INV-${RUN}-5`, loadId: `L-${RUN}-1` },
        value: { amount: "1200.50", currency: "USD" },
      },
      [
        ["received", "source_api"],
        ["delivered", "target_api", { durationMs: 210 }],
      ],
    ),
    ...trace(
      {
        n: "06",
        workflow: "pick_confirmation",
        site: "south",
        source: "wms-legacy-south",
        target: "erp-cloud",
        businessKey: `PK-${RUN}-6`,
        endedMinutesAgo: 26,
      },
      [
        ["received", "source_api"],
        ["transformed", "middleware"],
        [
          "dead_lettered",
          "broker",
          { error: { code: "SCHEMA_MISMATCH", message: "field 'lines[0].qty' must be a number" } },
        ],
      ],
    ),
    ...trace(
      {
        n: "07",
        workflow: UNREGISTERED_WORKFLOW,
        site: "east",
        source: "wms-east",
        target: "carrier-ups",
        businessKey: `LBL-${RUN}-7`,
        endedMinutesAgo: 33,
      },
      [
        ["received", "source_api"],
        ["delivered", "target_api", { durationMs: 380 }],
      ],
    ),
  ];
}
