import { expect, test } from "@playwright/test";
import { createApiKey, seedCatalogueAndUsers, signIn, USERS } from "./support";

// Each user's question from docs/domain.md, asked in the browser over traffic sent
// through the ingest API:
// - the warehouse manager of east: which of my transactions are stuck, why, since when?
// - finance: which shipped loads are not invoiced, and what value is waiting?
// - the platform engineer: where did this fail, and with what error?
// Stuck means no progress for longer than the workflow's SLA (shipment confirmation: 20
// minutes, invoice posting: 60), so the traffic happened a few hours ago.

const RUN = String(Date.now()).slice(-6);
const HOUR = 3_600_000;
// A currency no other spec sends, so the value waiting in it is exactly this spec's.
const CURRENCY = "CHF";
const EAST_AMOUNTS = [1000, 250.5, 99.5];
const MAPPING_CODE = `UOM_MAPPING_MISSING_${RUN}`;

test.describe.configure({ mode: "serial" });

interface Shipment {
  n: number;
  site: "east" | "south";
  amount: number;
  // failed at the ERP endpoint (customer master), or delivered and acknowledged
  failed: boolean;
}

const SHIPMENTS: Shipment[] = [
  ...EAST_AMOUNTS.map((amount, i) => ({ n: i + 1, site: "east" as const, amount, failed: true })),
  { n: 4, site: "south", amount: 500, failed: true },
  { n: 5, site: "east", amount: 40, failed: false },
];

function shipmentEvents(s: Shipment, startedAt: number): Record<string, unknown>[] {
  const id = `SHP-UQ-${RUN}-${s.n}`;
  const common = {
    transactionId: `TX-UQ-${RUN}-${s.n}`,
    workflow: "shipment_confirmation",
    site: s.site,
    source: s.site === "east" ? "wms-east" : "wms-legacy-south",
    target: "erp-cloud",
    businessKey: id,
    refs: { shipmentId: id, loadId: `L-UQ-${RUN}-${s.n}` },
  };
  const at = (seconds: number) => new Date(startedAt + seconds * 1000).toISOString();
  return [
    {
      ...common,
      id: `${id}-1`,
      stage: "received",
      layer: "source_api",
      occurredAt: at(0),
      value: { amount: s.amount, currency: CURRENCY },
    },
    { ...common, id: `${id}-2`, stage: "transformed", layer: "middleware", occurredAt: at(1), durationMs: 30 },
    { ...common, id: `${id}-3`, stage: "published", layer: "broker", occurredAt: at(2), durationMs: 4 },
    s.failed
      ? {
          ...common,
          id: `${id}-4`,
          stage: "failed",
          layer: "target_api",
          occurredAt: at(3),
          error: {
            code: "CUSTOMER_MASTER_INVALID",
            message: `Customer C-${s.n}00 failed validation`,
            retryable: false,
          },
        }
      : { ...common, id: `${id}-4`, stage: "acknowledged", layer: "target_api", occurredAt: at(3), durationMs: 700 },
  ];
}

// An order release the middleware could not map: the engineer's failure to trace.
function mappingFailure(startedAt: number): Record<string, unknown>[] {
  const order = `SO-UQ-${RUN}`;
  const common = {
    transactionId: `TX-UQ-OR-${RUN}`,
    workflow: "order_release",
    site: "central",
    source: "erp-cloud",
    target: "wms-central",
    businessKey: order,
    refs: { orderId: order },
  };
  return [
    {
      ...common,
      id: `${order}-1`,
      stage: "received",
      layer: "source_api",
      occurredAt: new Date(startedAt).toISOString(),
    },
    {
      ...common,
      id: `${order}-2`,
      stage: "failed",
      layer: "middleware",
      occurredAt: new Date(startedAt + 1000).toISOString(),
      error: { code: MAPPING_CODE, message: "Unit of measure EA2 has no mapping", retryable: false },
    },
  ];
}

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(120_000);
  await seedCatalogueAndUsers();
  const key = await createApiKey("e2e-user-questions");
  const threeHoursAgo = Date.now() - 3 * HOUR;
  const events = [
    ...SHIPMENTS.flatMap((s, i) => shipmentEvents(s, threeHoursAgo + i * 60_000)),
    ...mappingFailure(Date.now() - 2 * HOUR),
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

test("the warehouse manager of east finds the stuck shipment confirmations of east, why and since when", async ({
  page,
}) => {
  await signIn(page, USERS.managerEast);
  await page.getByRole("link", { name: "Stuck work", exact: true }).click();
  await expect(page).toHaveURL(/\/stuck$/);
  await expect(page.getByRole("heading", { level: 1, name: "Stuck work" })).toBeVisible();

  const group = page.getByTestId("stuck-group").filter({ hasText: "CUSTOMER_MASTER_INVALID" });
  await expect(group).toHaveCount(1);
  await expect(group).toHaveAttribute("data-site", "east");
  await expect(group.getByTestId("stuck-sentence")).toContainText(
    /^3 shipment confirmations from east waiting since (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC - the erp-cloud endpoint rejected them: Customer C-\d+ failed validation \(CUSTOMER_MASTER_INVALID\)$/,
  );
  await expect(group.getByTestId("stuck-count")).toHaveText("3");
  await expect(group).toContainText("CHF 1,350.00"); // 1000 + 250.50 + 99.50
  // Only east: south's rejected confirmation is another manager's.
  await expect(page.getByTestId("stuck-group").filter({ hasText: "from south" })).toHaveCount(0);
  await expect(page.getByTestId("updated-ago").first()).toBeVisible();

  // The group's transactions, one click away.
  await group.getByRole("link", { name: /View transactions/ }).click();
  await expect(page).toHaveURL(/\/transactions\?.*errorSignature=/);
  for (const n of [1, 2, 3]) await expect(page.locator(`tr[data-transaction-id="TX-UQ-${RUN}-${n}"]`)).toBeVisible();
  await expect(page.locator(`tr[data-transaction-id="TX-UQ-${RUN}-4"]`)).toHaveCount(0);
});

test("finance sees the shipped loads without a posted invoice, where each is held, and the value waiting", async ({
  page,
}) => {
  await signIn(page, USERS.finance);
  await page.getByRole("link", { name: "Finance", exact: true }).click();
  await expect(page).toHaveURL(/\/finance$/);

  // Five shipments three hours ago, none invoiced within the 60-minute SLA: all five loads, every site.
  await expect(page.getByTestId("value-waiting")).toContainText("CHF 1,890.00"); // 1000 + 250.50 + 99.50 + 500 + 40
  const rows = page.getByTestId("unposted-load").filter({ hasText: `L-UQ-${RUN}-` });
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: `L-UQ-${RUN}-1` })).toContainText("Shipment not delivered");
  await expect(rows.filter({ hasText: `L-UQ-${RUN}-1` })).toContainText("CUSTOMER_MASTER_INVALID");
  await expect(rows.filter({ hasText: `L-UQ-${RUN}-5` })).toContainText("Awaiting invoice");
  await expect(page.getByRole("heading", { name: "Shipment-to-invoice cycle time" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
    "href",
    "/api/dashboard/unposted-loads/export",
  );
});

test("the engineer opens a failed transaction from Failures and sees the failing layer and error on its trace", async ({
  page,
}) => {
  await signIn(page, USERS.engineer);
  await page.getByRole("link", { name: "Failures", exact: true }).click();
  await expect(page).toHaveURL(/\/failures$/);

  const signature = page.getByTestId("failure-signature").filter({ hasText: MAPPING_CODE });
  await expect(signature).toHaveAttribute("data-layer", "middleware");
  await expect(signature).toContainText("Middleware transformation");
  await expect(signature).toContainText("Unit of measure <id> has no mapping");
  await signature.getByRole("link", { name: /Transactions/ }).click();

  await expect(page).toHaveURL(/\/transactions\?errorSignature=/);
  await page.locator(`tr[data-transaction-id="TX-UQ-OR-${RUN}"]`).getByRole("link").click();
  await expect(page).toHaveURL(/\/transactions\/[0-9a-f-]{36}$/);
  await expect(page.locator('[data-layer="middleware"]')).toHaveAttribute("data-hop-state", "failed");
  await expect(page.getByTestId("failing-hop-error")).toContainText(MAPPING_CODE);
  await expect(page.getByTestId("failing-hop-error")).toContainText("Unit of measure EA2 has no mapping");
});
