import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { seedCatalogueAndUsers, signIn, USERS } from "./support";

// An admin sets up alerting in the browser: a webhook channel pointing at a local
// recording server, "Send test" delivering to it and saying so, a rule on shipment
// confirmations at east sending to that channel; and the alert history page.

const RUN = String(Date.now()).slice(-6);
const CHANNEL = `E2E hook ${RUN}`;
const RULE = `E2E shipments east ${RUN}`;
const received: { path: string; body: any }[] = [];
let receiver: Server;
let receiverUrl: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await seedCatalogueAndUsers();
  receiver = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString("utf8")));
    req.on("end", () => {
      received.push({ path: req.url ?? "/", body: text ? JSON.parse(text) : null });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

test("an admin adds a webhook channel, sends a test, and adds a rule that uses it", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  // The admin index's section, not the main menu's "Alerts" (the history).
  await page.locator('a[href="/admin/alerts"]').first().click();
  await expect(page).toHaveURL(/\/admin\/alerts$/);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();

  const addChannel = page.getByRole("region", { name: "Add a channel" });
  await addChannel.getByLabel("Name").fill(CHANNEL);
  // An address inside the network is refused on save, with the reason beside the field.
  await addChannel.getByLabel("Webhook URL").fill("http://169.254.169.254/latest/meta-data/");
  await addChannel.getByRole("button", { name: "Add channel" }).click();
  await expect(
    addChannel.getByText(
      "169.254.169.254 is a link-local address; outbound calls to private networks are refused unless CROSSDOCK_ALLOWED_PRIVATE_HOSTS lists it.",
    ),
  ).toBeVisible();
  await addChannel.getByLabel("Webhook URL").fill(`${receiverUrl}/hooks/e2e-${RUN}`);
  await addChannel.getByRole("button", { name: "Add channel" }).click();
  await expect(addChannel.getByRole("status")).toHaveText(`Added ${CHANNEL}. Send a test to check it.`);

  const row = page.locator(`tr[data-channel-name="${CHANNEL}"]`);
  await expect(row).toContainText(`${receiverUrl}/…`);
  await row.getByRole("button", { name: "Send test" }).click();
  await expect(row.getByRole("status")).toHaveText("Delivered: HTTP 200 ok");
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({ path: `/hooks/e2e-${RUN}`, body: { event: "test", state: "firing" } });

  const addRule = page.getByRole("region", { name: "Add a rule" });
  await addRule.getByLabel("Name").fill(RULE);
  await addRule.getByLabel("Condition").selectOption("failure_rate");
  await addRule.getByLabel("Workflow").selectOption("shipment_confirmation");
  await addRule.getByLabel("Site").selectOption("east");
  await addRule.getByLabel("Threshold (%)").fill("5");
  await addRule.getByLabel(CHANNEL).check();
  await addRule.getByRole("button", { name: "Add rule" }).click();
  await expect(addRule.getByRole("status")).toHaveText(`Added ${RULE}.`);

  const ruleRow = page.locator(`tr[data-rule-name="${RULE}"]`);
  await expect(ruleRow).toContainText("Failure rate > 5% over 15 min (at least 10)");
  await expect(ruleRow).toContainText("shipment_confirmation @ east");
  await expect(ruleRow).toContainText(CHANNEL);
});

test("the alert history page renders for an engineer, linked from the menu", async ({ page }) => {
  await signIn(page, USERS.engineer);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  await expect(page.getByText("Open alerts first")).toBeVisible();
  await expect(page.getByRole("link", { name: "Manage rules and channels" })).toHaveCount(0);
});
