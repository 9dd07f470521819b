import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { replaySettings } from "@/lib/jobs/replay/replay-settings";
import { type ReplayWorker, startReplayWorker } from "@/lib/jobs/replay/start-replay-worker";
import { requestReplay } from "@/lib/services/replay/request-replay";
import { startDemoReplayTarget } from "@/sim/replay-target/demo";
import type { ReplayTarget } from "@/sim/replay-target/server";
import { testActor } from "../helpers/actors";
import { ingest, newApiKey } from "../helpers/api";
import { useCrossdockServer } from "../helpers/crossdock-server";
import { allowLocalTargets } from "../helpers/local-targets";
import { setTestSecretKey } from "../helpers/secret-key";
import { useTestDatabase } from "../helpers/test-database";

// The demo's replay loop end to end: the demo's replay target registered the way
// `npm run demo` does it (endpoint plus encrypted bearer token), the worker sending the
// body the target's contract asks for, and the target's outcome coming back through the
// real ingest route. While the cause is broken the replay fails again; once fixed it posts.

allowLocalTargets();
setTestSecretKey();
const manager = testActor("warehouse_manager");

const db = useTestDatabase({ catalogue: true });
const crossdock = useCrossdockServer();
let target: ReplayTarget;
let worker: ReplayWorker;
let key: string;

beforeAll(async () => {
  key = await newApiKey(db.pool, "middleware");
  const demo = await startDemoReplayTarget(db.pool, {
    crossdockUrl: crossdock.url,
    apiKey: key,
    port: 0,
    token: "demo-token-under-test",
    log: () => undefined,
    outcomeDelayMs: { min: 20, max: 50 },
    reporter: { firstDelayMs: 50, maxDelayMs: 200 },
  });
  target = demo.target;
  worker = await startReplayWorker(db.pool, replaySettings({ REPLAY_SWEEP_MS: "500" }));
});

afterAll(async () => {
  await worker?.stop();
  await target?.close();
});

const txOf = async (externalId: string) =>
  (
    await db.pool.query<{ id: string; status: string; attempts: number }>(
      "SELECT id, status, attempts FROM transactions WHERE external_id = $1",
      [externalId],
    )
  ).rows[0]!;
const replayOf = async (id: string) =>
  (
    await db.pool.query<{ status: string; http_status: number | null; message: string | null }>(
      "SELECT status, http_status, message FROM replays WHERE id = $1",
      [id],
    )
  ).rows[0]!;

it("a demo replay fails again while the customer master is broken and posts once it is fixed", async () => {
  const stored = await db.pool.query<{ replay_auth_header: string | null }>(
    "SELECT replay_auth_header FROM systems WHERE name = 'erp-cloud'",
  );
  expect(stored.rows[0]!.replay_auth_header).toMatch(/^v1:/); // encrypted, never the token itself
  expect(stored.rows[0]!.replay_auth_header).not.toContain("demo-token-under-test");

  const at = new Date(Date.now() - 10 * 60_000).toISOString();
  const common = {
    transactionId: "TX-SHP-DEMO-1",
    workflow: "shipment_confirmation",
    site: "east",
    source: "wms-east",
    target: "erp-cloud",
    businessKey: "SHP-DEMO-1",
    refs: { shipmentId: "SHP-DEMO-1", customerId: "C-10042" },
  };
  const res = await ingest(key, {
    events: [
      {
        ...common,
        id: "SHP-DEMO-1-r",
        stage: "received",
        layer: "source_api",
        occurredAt: at,
        payload: { shipment: "SHP-DEMO-1" },
      },
      {
        ...common,
        id: "SHP-DEMO-1-f",
        stage: "failed",
        layer: "target_api",
        occurredAt: at,
        error: { code: "CUSTOMER_MASTER_INVALID", message: "Customer C-10042 failed validation", retryable: false },
      },
    ],
  });
  expect(res.body).toMatchObject({ rejected: 0 });
  const tx = await txOf("TX-SHP-DEMO-1");

  const first = await requestReplay(db.pool, manager, { transactionId: tx.id, reason: "try again", force: false });
  await vi.waitFor(
    async () => expect(await replayOf(first.replayId)).toMatchObject({ status: "accepted", http_status: 202 }),
    { timeout: 15_000, interval: 50 },
  );
  await vi.waitFor(async () => expect(await txOf("TX-SHP-DEMO-1")).toMatchObject({ status: "failed", attempts: 2 }), {
    timeout: 15_000,
    interval: 100,
  });

  target.control.apply({ fixed: ["CUSTOMER_MASTER_INVALID"] });
  const second = await requestReplay(db.pool, manager, {
    transactionId: tx.id,
    reason: "customer master corrected",
    force: false,
  });
  await vi.waitFor(async () => expect(await replayOf(second.replayId)).toMatchObject({ status: "accepted" }), {
    timeout: 15_000,
    interval: 50,
  });
  await vi.waitFor(
    async () => expect(await txOf("TX-SHP-DEMO-1")).toMatchObject({ status: "succeeded", attempts: 3 }),
    { timeout: 15_000, interval: 100 },
  );
  expect(target.control.snapshot().records).toBe(1);
  // The ERP bills the shipment once its confirmation posts; while it failed, no invoice came.
  await vi.waitFor(async () => expect(await txOf("INV-SHP-DEMO-1")).toMatchObject({ status: "succeeded" }), {
    timeout: 15_000,
    interval: 100,
  });
  const invoices = await db.pool.query("SELECT 1 FROM transactions WHERE external_id LIKE 'INV-%'");
  expect(invoices.rowCount).toBe(1);
}, 60_000);
