import { expect, test } from "@playwright/test";
import { seedCatalogueAndUsers, signIn, USERS } from "./support";

// An admin opens Admin -> Storage: the day partitions are listed, a retention shorter for
// payloads than for events is saved, and one that keeps payloads longer than events is
// refused beside its field.

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await seedCatalogueAndUsers();
});

test("an admin reads storage and sets retention", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto("/admin");
  await page.locator('a[href="/admin/storage"]').first().click();
  await expect(page.getByRole("heading", { name: "Storage", level: 1 })).toBeVisible();

  const partitions = page.getByRole("region", { name: "Day partitions" });
  await expect(partitions.getByRole("cell", { name: "events_default" })).toBeVisible();
  await expect(partitions.getByRole("cell", { name: /^events_p\d{8}$/ }).first()).toBeVisible();

  const retention = page.getByRole("region", { name: "Retention", exact: true });
  await retention.getByLabel("Payloads (days)").fill("400");
  await retention.getByRole("button", { name: "Save retention" }).click();
  await expect(retention.getByText("Payloads: at most as long as events (396 days).")).toBeVisible();

  await retention.getByLabel("Payloads (days)").fill("7");
  await retention.getByRole("button", { name: "Save retention" }).click();
  await expect(retention.getByRole("status")).toHaveText("Saved: the next retention run applies it.");
  await page.reload();
  await expect(page.getByRole("region", { name: "Retention", exact: true }).getByLabel("Payloads (days)")).toHaveValue(
    "7",
  );
  await expect(page.getByText(`Last changed by ${USERS.admin}.`)).toBeVisible();
});
