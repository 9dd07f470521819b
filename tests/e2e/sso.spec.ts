import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";
import { seedCatalogueAndUsers, USERS } from "./support";

// Single sign-on end to end: the real sign-in page, next-auth's OpenID Connect client and
// a mock provider (tests/e2e/mock-oidc-provider.ts, started by playwright.config.ts) talking
// over real HTTP. The mock signs in whoever the test names; Crossdock must only let in an
// existing, enabled user with that email.

const execFileAsync = promisify(execFile);
const MOCK_OIDC = process.env.MOCK_OIDC_URL ?? "http://127.0.0.1:3299"; // = OIDC_ISSUER in playwright.config.ts
// Matches the URL's path only (a failed sign-in lands on /signin?callbackUrl=...%2Ftransactions).
const atPath = (p: string) => new RegExp(`^https?://[^/]+${p}(\\?|$)`);
const NO_ACCOUNT = "Your single sign-on account has no Crossdock user. Ask an admin to add your email.";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await seedCatalogueAndUsers();
});

async function nextIdentity(email: string, name: string): Promise<void> {
  const res = await fetch(`${MOCK_OIDC}/test/next-identity`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, name }),
  });
  expect(res.status).toBe(200);
}

async function signInWithSso(page: Page): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
}

// A fresh user (viewer) on the server's database, enabled or not, through the same services
// the admin screens use.
async function createSsoUser(email: string, disabled: boolean): Promise<void> {
  const script = `
import { randomBytes } from "node:crypto";
import pg from "pg";
import { ensureDatabase } from "@/lib/postgres/ensure-database";
import { createUser } from "@/lib/services/create-user";
import { updateUser } from "@/lib/services/update-user";
import { systemActor } from "./scripts/lib/system-actor";
const db = await ensureDatabase(() => undefined);
const pool = new pg.Pool({ connectionString: db.url, max: 1 });
try {
  const actor = systemActor("e2e-sso");
  const user = await createUser(pool, actor, { email: process.env.SSO_USER_EMAIL, name: "SSO Person", role: "viewer", sites: [], password: randomBytes(18).toString("base64url") });
  if (process.env.SSO_USER_DISABLED === "1") await updateUser(pool, actor, { id: user.id, disabled: true });
} finally { await pool.end(); await db.stop(); }
`;
  const dataDir = process.env.CROSSDOCK_E2E_DATA_DIR;
  if (!dataDir) throw new Error("CROSSDOCK_E2E_DATA_DIR is not set; run the e2e tests through playwright.config.ts");
  await execFileAsync("npx", ["tsx", "--input-type=module", "--eval", script], {
    env: {
      ...process.env,
      CROSSDOCK_DATA_DIR: dataDir,
      SSO_USER_EMAIL: email,
      SSO_USER_DISABLED: disabled ? "1" : "0",
    },
  });
}

test("an existing user signs in through the identity provider", async ({ page }) => {
  await nextIdentity(USERS.admin, "Ada Admin");
  await signInWithSso(page);
  await expect(page).toHaveURL(atPath("/transactions"));
  await expect(page.getByTestId("signed-in-as")).toContainText(`${USERS.admin} · Admin`);
  // The admin menu is there, and the session is a real one: the admin area opens.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(atPath("/admin"));
  await expect(page.getByRole("link", { name: "Users", exact: true }).first()).toBeVisible();
});

test("an identity without a Crossdock user is refused and stays signed out", async ({ page }) => {
  await nextIdentity("unknown-person@example.com", "Unknown Person");
  await signInWithSso(page);
  await expect(page).toHaveURL(/^[^?]*\/signin\?(.*&)?error=SsoNoAccount(&|$)/);
  await expect(page.getByRole("alert").filter({ hasText: NO_ACCOUNT })).toBeVisible(); // (Next.js adds an empty route-announcer alert)
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await page.goto("/transactions");
  await expect(page).toHaveURL(atPath("/signin"));
});

test("a disabled user is refused, though the same user got in while enabled", async ({ page }) => {
  const run = String(Date.now()).slice(-6);
  const enabled = `sso-enabled-${run}@example.com`;
  const disabled = `sso-disabled-${run}@example.com`;
  await createSsoUser(enabled, false);
  await createSsoUser(disabled, true);

  // Control: a user created the same way, not disabled, gets in.
  await nextIdentity(enabled, "SSO Person");
  await signInWithSso(page);
  await expect(page.getByTestId("signed-in-as")).toContainText(`${enabled} · Viewer`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(atPath("/signin"));

  await nextIdentity(disabled, "SSO Person");
  await signInWithSso(page);
  await expect(page).toHaveURL(/^[^?]*\/signin\?(.*&)?error=SsoNoAccount(&|$)/);
  await expect(page.getByRole("alert").filter({ hasText: NO_ACCOUNT })).toBeVisible();
  await page.goto("/transactions");
  await expect(page).toHaveURL(atPath("/signin"));
});
