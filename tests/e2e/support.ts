import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, type Page } from "@playwright/test";

// Shared by the browser tests: seed the catalogue and the demo users on the server's
// embedded database, create an API key, point systems' replay endpoints at a test target,
// and sign in through the real sign-in page.

const execFileAsync = promisify(execFile);

export const DEMO_PASSWORD = "crossdock-demo-2026";
export const USERS = {
  viewer: "viewer@crossdock.demo",
  managerEast: "manager.east@crossdock.demo",
  finance: "finance@crossdock.demo",
  engineer: "engineer@crossdock.demo",
  admin: "admin@crossdock.demo",
} as const;

const SEED = `
import pg from "pg";
import { ensureDatabase } from "@/lib/postgres/ensure-database";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { seedDemoUsers } from "./scripts/lib/demo-users";
const db = await ensureDatabase(() => undefined);
const pool = new pg.Pool({ connectionString: db.url, max: 1 });
try { await seedCatalogue(pool); await seedDemoUsers(pool); } finally { await pool.end(); await db.stop(); }
`;

function serverEnv(): NodeJS.ProcessEnv {
  const dataDir = process.env.CROSSDOCK_E2E_DATA_DIR;
  if (!dataDir) throw new Error("CROSSDOCK_E2E_DATA_DIR is not set; run the e2e tests through playwright.config.ts");
  // The child processes reuse the embedded PostgreSQL the web server started on this data directory.
  return { ...process.env, CROSSDOCK_DATA_DIR: dataDir };
}

export async function seedCatalogueAndUsers(): Promise<void> {
  await execFileAsync("npx", ["tsx", "--input-type=module", "--eval", SEED], { env: serverEnv() });
}

export async function createApiKey(system: string): Promise<string> {
  const { stdout } = await execFileAsync(
    "npx",
    ["tsx", "scripts/apikey-create.ts", "--system", system, "--scopes", "ingest,read"],
    { env: serverEnv() },
  );
  return stdout.trim().split("\n").at(-1)!.trim();
}

// Points the systems' replay endpoint at `url`, with an auth header (encrypted under the
// server's own key, kept beside the embedded database's data) when a token is given.
const REGISTER = `
import pg from "pg";
import { ensureDatabase } from "@/lib/postgres/ensure-database";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { registerReplayEndpoint } from "@/sim/replay-target/register";
import { secretEnv } from "./scripts/lib/secret-env";
process.env.CROSSDOCK_SECRET_KEY = (await secretEnv(true)).CROSSDOCK_SECRET_KEY;
const systems = JSON.parse(process.env.SYSTEMS);
const token = process.env.REPLAY_TOKEN;
const db = await ensureDatabase(() => undefined);
const pool = new pg.Pool({ connectionString: db.url, max: 1 });
try {
  const r = await registerReplayEndpoint(pool, process.env.REPLAY_URL, {
    systems, overwrite: true, ...(token ? { authHeader: encryptSecret("Bearer " + token) } : {}),
  });
  if (r.registered.length !== systems.length) throw new Error("not all of " + systems.join(", ") + " were found");
} finally { await pool.end(); await db.stop(); }
`;

export async function registerReplayEndpoint(url: string, systems: string[], token?: string): Promise<void> {
  await execFileAsync("npx", ["tsx", "--input-type=module", "--eval", REGISTER], {
    env: { ...serverEnv(), REPLAY_URL: url, SYSTEMS: JSON.stringify(systems), REPLAY_TOKEN: token ?? "" },
  });
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(email);
}
