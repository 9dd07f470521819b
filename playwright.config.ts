import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// End-to-end: the production build on an embedded PostgreSQL in a fresh data directory,
// driven over real HTTP and a real browser.

// E2E_PORT / E2E_OIDC_PORT let two checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// Single sign-on runs against a mock OpenID Connect provider (tests/e2e/mock-oidc-provider.ts);
// the app and the mock share these test-only client credentials.
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3299);
process.env.MOCK_OIDC_URL ??= `http://127.0.0.1:${OIDC_PORT}`; // read by sso.spec.ts in the workers
const OIDC = {
  OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
  OIDC_CLIENT_ID: "crossdock-e2e",
  OIDC_CLIENT_SECRET: "e2e-oidc-secret-not-for-production",
};

// Workers load this file again; the env var makes them agree on the one data directory
// the main process picked (they inherit its environment).
const pickedHere = !process.env.CROSSDOCK_E2E_DATA_DIR;
const dataDir = (process.env.CROSSDOCK_E2E_DATA_DIR ??= path.join(os.tmpdir(), `crossdock-e2e-${Date.now()}`));
// A fresh cluster is ~50 MB; the process that picked it removes it once the server has
// been stopped (exit comes after webServer teardown). CROSSDOCK_E2E_KEEP_DATA=1 keeps it for debugging.
if (pickedHere && process.env.CROSSDOCK_E2E_KEEP_DATA !== "1") {
  process.on("exit", () => rmSync(dataDir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1, // one shared server and database; the spec's steps build on each other
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        headless: true,
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: "npx tsx tests/e2e/mock-oidc-provider.ts",
      env: { ...OIDC, MOCK_OIDC_PORT: String(OIDC_PORT) },
      url: `${OIDC.OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "npm run build && npm start",
      // A fixed test-only secret: sessions of this throwaway server mean nothing elsewhere.
      env: {
        PORT: String(PORT),
        CROSSDOCK_DATA_DIR: dataDir,
        NEXTAUTH_SECRET: "e2e-only-secret-not-for-production",
        NEXTAUTH_URL: BASE_URL,
        ...OIDC,
        OIDC_NAME: "Test IdP",
        // the alert receiver the specs start on this machine
        CROSSDOCK_ALLOWED_PRIVATE_HOSTS: "127.0.0.1",
        // metrics.spec.ts scrapes /metrics with it
        CROSSDOCK_METRICS_TOKEN: "e2e-metrics-token-not-for-production",
        // worker-health.spec.ts freezes the worker and waits for health to notice
        CROSSDOCK_WORKER_STALE_MS: "15000",
      },
      url: `${BASE_URL}/api/health`,
      // The production build takes 2-4 minutes on a 2-core machine, more while it is busy.
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      // SIGTERM lets scripts/start.ts stop the embedded PostgreSQL instead of orphaning it.
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    },
  ],
});
