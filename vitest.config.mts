import { defineConfig } from "vitest/config";

const alias = { "@": import.meta.dirname };

// Two projects: pure unit tests need nothing; integration tests share one PostgreSQL
// (a template database cloned per test file, so files run in parallel and in any order).
export default defineConfig({
  test: {
    projects: [
      // Some unit tests generate a day of simulated traffic: seconds on a busy 2-core machine.
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 20_000 } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/helpers/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: "forks",
          // Refused requests log at info; tests make many on purpose. Warnings and errors still show.
          env: { CROSSDOCK_LOG_LEVEL: process.env.CROSSDOCK_LOG_LEVEL ?? "warn" },
        },
      },
    ],
  },
});
