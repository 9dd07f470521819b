import { expect, test } from "@playwright/test";
import { createApiKey, seedCatalogueAndUsers, signIn, USERS } from "./support";

// Each demo role signs in through the sign-in page and sees exactly its menu, its sites
// and its fields; the server refuses the rest.

const RUN = String(Date.now()).slice(-6);
const EAST_KEY = `ROLE-${RUN}-EAST`;
const SOUTH_KEY = `ROLE-${RUN}-SOUTH`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(120_000);
  await seedCatalogueAndUsers();
  const key = await createApiKey("e2e-roles");
  const event = (site: string, businessKey: string) => ({
    id: `${businessKey}-1`,
    transactionId: businessKey,
    workflow: "shipment_confirmation",
    stage: "received",
    layer: "source_api",
    occurredAt: new Date().toISOString(),
    site,
    businessKey,
    value: { amount: "777.25", currency: "USD" },
    payload: { shipment: businessKey, customer: { id: "C-1", email: "private.person@example.com" } },
  });
  const res = await fetch(`${testInfo.project.use.baseURL}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events: [event("east", EAST_KEY), event("south", SOUTH_KEY)] }),
  });
  expect(res.status).toBe(200);
});

const VIEWS = ["Overview", "Stuck work", "Failures", "KPIs", "Transactions"];
const WITH_FINANCE = ["Overview", "Stuck work", "Finance", "Failures", "KPIs", "Transactions"];
const MENUS: [keyof typeof USERS, string[]][] = [
  ["viewer", VIEWS],
  ["managerEast", VIEWS],
  ["finance", WITH_FINANCE],
  ["engineer", [...WITH_FINANCE, "Alerts"]],
  ["admin", [...WITH_FINANCE, "Alerts", "Admin"]],
];

for (const [who, items] of MENUS) {
  test(`${who} sees only their menu items`, async ({ page }) => {
    await signIn(page, USERS[who]);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(items);
  });
}

test("an admin finds every admin section behind the Admin menu", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  for (const section of ["Workflows", "Systems", "API keys", "Users", "Redaction", "Audit log"]) {
    await expect(page.getByRole("link", { name: section, exact: true }).first()).toBeVisible();
  }
  // Each section opens and lists what is there (the seeded catalogue, the demo users, the sign-ins).
  const lists: [string, string][] = [
    ["/admin/workflows", "shipment_confirmation"],
    ["/admin/systems", "erp-cloud"],
    ["/admin/users", USERS.viewer],
    ["/admin/audit", "user.create"],
  ];
  for (const [path, text] of lists) {
    await page.goto(path);
    await expect(page.locator("table tbody").getByText(text).first()).toBeVisible();
  }
  // A form round trip: the admin adds a redaction path and sees it listed.
  await page.goto("/admin/redaction");
  const path = `order.note${RUN}`;
  await page.getByLabel("Field path").fill(path);
  await page.getByRole("button", { name: "Add path" }).click();
  await expect(page.getByText(path, { exact: true }).first()).toBeVisible();
});

test("a signed-out visitor is sent to the sign-in page, and API routes answer 401", async ({ page, request }) => {
  await page.goto("/transactions");
  await expect(page).toHaveURL(/\/signin/);
  const res = await request.get("/api/admin/audit/export", { maxRedirects: 0 });
  expect(res.status()).toBe(401);
});

test("a warehouse manager of east sees east only, and another site's transaction is not found", async ({ page }) => {
  await signIn(page, USERS.managerEast);
  await page.goto(`/transactions?q=${EAST_KEY}`);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.goto(`/transactions?q=${SOUTH_KEY}`);
  await expect(page.locator("tbody tr")).toHaveCount(0);
  await expect(page.getByLabel("Site").locator("option")).toHaveText(["All sites", "east"]);
  const res = await page.goto(`/transactions/${SOUTH_KEY}`);
  expect(res?.status()).toBe(404);
});

test("a viewer sees no values and no payloads; an engineer sees both, redacted", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto(`/transactions/${EAST_KEY}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(EAST_KEY);
  await expect(page.getByText("$777.25")).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Payload" })).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, USERS.engineer);
  await page.goto(`/transactions/${EAST_KEY}`);
  await expect(page.getByText("$777.25")).toBeVisible();
  await page.getByText("Show").first().click();
  await expect(page.getByTestId("payload").first()).toContainText("[redacted]");
  await expect(page.getByTestId("payload").first()).not.toContainText("private.person@example.com");
});

test("a viewer opening an admin page gets the 403 page", async ({ page }) => {
  await signIn(page, USERS.viewer);
  const res = await page.goto("/admin/users");
  expect(res?.status()).toBe(403);
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
});

test("pages carry a nonce-based CSP without unsafe-inline scripts, and refuse framing", async ({ page }) => {
  const res = await page.goto("/signin");
  const csp = res!.headers()["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // The page still works under that policy: the sign-in form's script runs.
  await signIn(page, USERS.viewer);
});

test("failed sign-ins are limited per account with a clear message", async ({ page }) => {
  const email = `nobody-${RUN}@crossdock.demo`;
  await page.goto("/signin");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong-password-123");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // The button reads "Signing in…" while the attempt is on its way.
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    await expect(page.locator("form").getByRole("alert")).toContainText("not correct");
  }
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(
    /Too many failed sign-ins for this account\. Try again in \d+ minutes?/,
  );
});
