import { expect, test } from "@playwright/test";
import { seedCatalogueAndUsers, signIn, USERS } from "./support";

// An admin gives a site its own SLA for a workflow in Admin -> Workflows: the workflow's
// row lists it, the edit form shows it back, and text it cannot read is refused beside
// the field.

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await seedCatalogueAndUsers();
});

test("an admin sets and clears a per-site SLA on a workflow", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto("/admin/workflows");
  const row = page.locator('tr[data-workflow-name="returns"]');
  await row.getByText("Edit", { exact: true }).click();
  const field = row.getByLabel("SLA per site (minutes)");

  await field.fill("south=soon");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText('"south=soon": write site=minutes, e.g. south=270.')).toBeVisible();

  await field.fill("south=270");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("Saved: siteSlas.")).toBeVisible();
  await page.reload();
  await expect(row.getByText("south: 270 min")).toBeVisible();
  await row.getByText("Edit", { exact: true }).click();
  await expect(row.getByLabel("SLA per site (minutes)")).toHaveValue("south=270");

  await row.getByLabel("SLA per site (minutes)").fill("");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("Saved: siteSlas.")).toBeVisible();
  await page.reload();
  await expect(row.getByText("south: 270 min")).toHaveCount(0);
});
