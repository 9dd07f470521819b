import { expect, type Page, test } from "@playwright/test";
import { createApiKey, seedCatalogueAndUsers, signIn, USERS } from "./support";

// An engineer types a business key into the header search (reached with "/"), lands on
// the trace, and sees the hop that failed with its error and each hop's payload. A viewer
// following the same path sees the trace but no payloads.

const RUN = String(Date.now()).slice(-6);
const SHIPMENT = `SHP-TS-${RUN}`;
const ORDER = `SO-TS-${RUN}`;
const LOAD = `L-TS-${RUN}`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(120_000);
  await seedCatalogueAndUsers();
  const key = await createApiKey("e2e-trace-search");
  const end = Date.now() - 60_000;
  const at = (secondsBeforeEnd: number) => new Date(end - secondsBeforeEnd * 1000).toISOString();
  const shipment = {
    transactionId: `TX-TS-${RUN}`,
    workflow: "shipment_confirmation",
    site: "east",
    source: "wms-east",
    target: "erp-cloud",
    businessKey: SHIPMENT,
    refs: { shipmentId: SHIPMENT, orderId: ORDER, loadId: LOAD },
  };
  const events = [
    {
      ...shipment,
      id: `TS-${RUN}-1`,
      stage: "received",
      layer: "source_api",
      occurredAt: at(4),
      durationMs: 30,
      payload: { shipment: SHIPMENT, customer: { id: "C-4471", email: "buyer@example.com" } },
    },
    {
      ...shipment,
      id: `TS-${RUN}-2`,
      stage: "transformed",
      layer: "middleware",
      occurredAt: at(3),
      durationMs: 45,
      payload: { ShipmentNo: SHIPMENT, Lines: [{ Sku: "SKU-4411", Qty: 12 }] },
    },
    { ...shipment, id: `TS-${RUN}-3`, stage: "published", layer: "broker", occurredAt: at(2), durationMs: 6 },
    {
      ...shipment,
      id: `TS-${RUN}-4`,
      stage: "failed",
      layer: "target_api",
      occurredAt: at(1),
      durationMs: 900,
      error: {
        code: "CUSTOMER_MASTER_INVALID",
        message: "Customer C-4471 failed validation: missing tax registration",
        retryable: false,
      },
    },
    // The order this shipment belongs to, so the trace lists it as related.
    {
      id: `TS-${RUN}-5`,
      transactionId: `TX-TS-ORD-${RUN}`,
      workflow: "order_release",
      stage: "acknowledged",
      layer: "target_api",
      occurredAt: at(600),
      site: "east",
      businessKey: ORDER,
      refs: { orderId: ORDER },
    },
  ];
  const response = await fetch(`${testInfo.project.use.baseURL}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  const body = (await response.json()) as { rejected: number };
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(body.rejected).toBe(0);
});

// The shortcut listens once the page has hydrated; a key pressed before that does nothing,
// as for a person on a slow connection. So press it until the box has the focus.
async function pressShortcut(page: Page, key: string): Promise<void> {
  const box = page.getByRole("searchbox", { name: "Find a transaction" });
  await expect(async () => {
    await page.keyboard.press(key);
    await expect(box).toBeFocused({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
}

async function searchWithShortcut(page: Page, term: string): Promise<void> {
  // Focus is on the page body, not in a field: "/" must reach the header search.
  await page.locator("main").click({ position: { x: 5, y: 5 } });
  await pressShortcut(page, "/");
  await page.keyboard.type(term);
  await page.keyboard.press("Enter");
}

test("an engineer finds a shipment by its business key and sees where it failed, with each hop's payload", async ({
  page,
}) => {
  await signIn(page, USERS.engineer);
  await searchWithShortcut(page, SHIPMENT);

  await expect(page).toHaveURL(/\/transactions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(SHIPMENT);

  // The route names the failing hop and its error.
  await expect(page.locator('[data-layer="target_api"]')).toHaveAttribute("data-hop-state", "failed");
  await expect(page.getByTestId("failing-hop-error")).toContainText("CUSTOMER_MASTER_INVALID");
  await expect(page.getByTestId("failing-hop-error")).toContainText("missing tax registration");
  for (const layer of ["source_api", "middleware", "broker"])
    await expect(page.locator(`[data-layer="${layer}"]`)).toHaveAttribute("data-hop-state", "ok");

  // The waterfall: in order, with exactly the failing event marked as the failing hop.
  const stages = await page
    .locator("tbody tr[data-stage]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-stage")));
  expect(stages).toEqual(["received", "transformed", "published", "failed"]);
  await expect(page.locator("tr[data-failing-hop]")).toHaveCount(1);
  await expect(page.locator("tr[data-failing-hop]")).toHaveAttribute("data-stage", "failed");

  // Payloads per hop, redacted at ingest, as a tree.
  await expect(page.getByRole("columnheader", { name: "Payload" })).toBeVisible();
  const received = page.locator('tbody tr[data-stage="received"]');
  await received.getByText("Show").click();
  await expect(received.getByTestId("payload")).toContainText("[redacted]");
  await expect(received.getByTestId("payload")).not.toContainText("buyer@example.com");
  const transformed = page.locator('tbody tr[data-stage="transformed"]');
  await transformed.getByText("Show").click();
  await expect(transformed.getByTestId("payload")).toContainText("SKU-4411");

  // The order it belongs to is one click away.
  await expect(page.getByTestId("related-transactions")).toContainText(ORDER);
});

test("Ctrl-K also opens the search, and a viewer sees the trace without payloads", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await pressShortcut(page, "Control+k");
  await page.keyboard.type(SHIPMENT);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/transactions\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("failing-hop-error")).toContainText("CUSTOMER_MASTER_INVALID");
  await expect(page.locator("tbody tr[data-stage]")).toHaveCount(4);
  await expect(page.getByRole("columnheader", { name: "Payload" })).toHaveCount(0);
  await expect(page.getByTestId("payload")).toHaveCount(0);
  await expect(page.getByText("buyer@example.com")).toHaveCount(0);
});

test("a reference shared by several transactions lists them under the box", async ({ page }) => {
  await signIn(page, USERS.engineer);
  await searchWithShortcut(page, `SO-TS-${RUN}`.slice(0, -1));
  const results = page.getByTestId("search-results");
  await expect(results.getByRole("link", { name: new RegExp(SHIPMENT) })).toBeVisible();
  await expect(results.getByRole("link", { name: new RegExp(ORDER) })).toBeVisible();
  await results.getByRole("link", { name: new RegExp(ORDER) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ORDER);
});
