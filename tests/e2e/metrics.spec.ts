import { expect, test } from "@playwright/test";
import { createApiKey, seedCatalogueAndUsers } from "./support";

// The production build behind its sign-in proxy, with the worker `npm start` runs: a
// scraper reaches /metrics with the token alone, sees this process's ingest counts and the
// worker's heartbeats (another process, read through the database), and every API answer
// carries its request id.

const TOKEN = "e2e-metrics-token-not-for-production";

function sampleOf(text: string, line: RegExp): number | undefined {
  const m = line.exec(text);
  return m ? Number(m[1]) : undefined;
}

test("a scraper with the token reads the app's and the worker's figures; without it, 401", async ({ request }) => {
  const anonymous = await request.get("/metrics", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(401); // the token check answered, not a redirect to sign-in
  expect(anonymous.headers()["www-authenticate"]).toMatch(/^Bearer/);

  await seedCatalogueAndUsers();
  const key = await createApiKey("e2e-metrics");
  const id = `MET-E2E-${Date.now()}`;
  const ingest = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${key}`, "x-request-id": "e2e-ingest-1" },
    data: {
      events: [
        {
          id,
          transactionId: id,
          workflow: "shipment_confirmation",
          stage: "received",
          layer: "source_api",
          occurredAt: new Date().toISOString(),
        },
      ],
    },
  });
  expect(ingest.status()).toBe(200);
  expect(ingest.headers()["x-request-id"]).toBe("e2e-ingest-1");

  await expect(async () => {
    const res = await request.get("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status()).toBe(200);
    const text = await res.text();
    expect(sampleOf(text, /^crossdock_database_up (\S+)$/m)).toBe(1);
    expect(
      sampleOf(text, /^crossdock_ingest_events_total\{source="native",outcome="accepted"\} (\S+)$/m),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, /^crossdock_replay_workers_live (\S+)$/m)).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, /^crossdock_worker_last_run_age_seconds\{job="rollup_fold"\} (\S+)$/m)).toBeLessThan(30);
  }).toPass({ timeout: 30_000 });
});
