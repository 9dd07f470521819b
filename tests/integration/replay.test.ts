import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { replaySettings } from "@/lib/jobs/replay/replay-settings";
import { type ReplayWorker, startReplayWorker } from "@/lib/jobs/replay/start-replay-worker";
import { getBulkReplay } from "@/lib/queries/get-bulk-replay";
import { requestBulkReplay } from "@/lib/services/replay/bulk-replay";
import { requestReplay } from "@/lib/services/replay/request-replay";
import { testActor } from "../helpers/actors";
import { ingest, newApiKey } from "../helpers/api";
import { useCountingTarget } from "../helpers/counting-target";
import { allowLocalTargets } from "../helpers/local-targets";
import { insertSystem } from "../helpers/rows";
import { setTestSecretKey } from "../helpers/secret-key";
import { useTestDatabase } from "../helpers/test-database";

// Replays end to end against a real HTTP target: claim, queue, worker, delivery, outcome.

allowLocalTargets();
setTestSecretKey();
const settings = replaySettings({
  REPLAY_MAX_ATTEMPTS: "3",
  REPLAY_RETRY_BASE_MS: "50",
  REPLAY_RETRY_MAX_MS: "200",
  REPLAY_LEASE_GRACE_MS: "30000",
  REPLAY_SWEEP_MS: "500",
});
const engineer = testActor("engineer");

const db = useTestDatabase();
let key: string;
const target = useCountingTarget();
let worker: ReplayWorker;

beforeAll(async () => {
  key = await newApiKey(db.pool);
  await insertSystem(db.pool, {
    name: "erp-test",
    replayEndpoint: `${target.url}/replay`,
    replayAuthHeader: "Bearer t0ken",
    replayTimeoutMs: 2000,
    replayConcurrency: 50,
    replayRatePerSecond: 5000,
  });
  worker = await startReplayWorker(db.pool, settings);
});

afterAll(async () => {
  await worker?.stop();
});

// Failed transactions bound for erp-test, ingested through the real API; returns their ids.
async function failed(
  prefix: string,
  n: number,
  stage: "failed" | "acknowledged" = "failed",
  workflow = "shipment_confirmation",
): Promise<string[]> {
  const at = new Date(Date.now() - 60_000).toISOString();
  for (let i = 0; i < n; i += 1000) {
    const events = Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({
      id: `${prefix}-${i + k}`,
      transactionId: `${prefix}-${i + k}`,
      workflow,
      stage,
      layer: "target_api",
      occurredAt: at,
      target: "erp-test",
      businessKey: `${prefix}-${i + k}`,
      payload: { n: i + k },
      ...(stage === "failed"
        ? { error: { code: "CUSTOMER_MASTER_INVALID", message: "bad customer", retryable: false } }
        : {}),
    }));
    expect((await ingest(key, { events })).body).toMatchObject({ rejected: 0 });
  }
  const { rows } = await db.pool.query<{ id: string }>(
    "SELECT id FROM transactions WHERE external_id LIKE $1 ORDER BY external_id",
    [`${prefix}-%`],
  );
  return rows.map((r) => r.id);
}

const statusOf = async (id: string) =>
  (await db.pool.query<{ status: string }>("SELECT status FROM transactions WHERE id = $1", [id])).rows[0]!.status;
const replayOf = async (id: string) =>
  (await db.pool.query("SELECT status, attempts, message FROM replays WHERE id = $1", [id])).rows[0];
const wait = { timeout: 20_000, interval: 50 };

describe("replay", () => {
  it("20 concurrent replays of one transaction: one claim, one delivery", async () => {
    const [tx] = await failed("CONC", 1);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        requestReplay(db.pool, engineer, { transactionId: tx!, reason: null, force: false }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    expect(
      results.filter((r) => r.status === "rejected").every((r) => (r.reason as { status?: number }).status === 409),
    ).toBe(true);
    const { replayId } = (ok[0] as PromiseFulfilledResult<{ replayId: string }>).value;
    await vi.waitFor(async () => expect((await replayOf(replayId)).status).toBe("accepted"), wait);
    expect(target.requests.get(`crossdock-${tx}`)).toBe(1);
    expect(await statusOf(tx!)).toBe("replaying"); // until the target reports the outcome
    const trace = await db.pool.query(
      "SELECT stage FROM events WHERE transaction_id = $1 AND event_id LIKE 'crossdock:%' ORDER BY occurred_at, id",
      [tx],
    );
    expect(trace.rows.map((r) => r.stage)).toEqual(["replay_requested", "delivered"]); // requested, accepted
  });

  it("a succeeded transaction is replayed only with force, by a role allowed to force", async () => {
    const [tx] = await failed("DONE", 1, "acknowledged");
    await expect(
      requestReplay(db.pool, engineer, { transactionId: tx!, reason: null, force: false }),
    ).rejects.toMatchObject({ status: 409 });
    const manager = testActor("warehouse_manager");
    await expect(
      requestReplay(db.pool, manager, { transactionId: tx!, reason: "again", force: true }),
    ).rejects.toMatchObject({ status: 403 });
    await requestReplay(db.pool, engineer, { transactionId: tx!, reason: "ERP lost it", force: true });
    expect(await statusOf(tx!)).toBe("replaying");
  });

  it("target down: retried with backoff, then dead-lettered with the reason", async () => {
    const [tx] = await failed("DOWN", 1);
    target.answerFor = (b) => (b.businessKey === "DOWN-0" ? "down" : "accept");
    const { replayId } = await requestReplay(db.pool, engineer, {
      transactionId: tx!,
      reason: "retry it",
      force: false,
    });
    await vi.waitFor(async () => expect((await replayOf(replayId)).status).toBe("dead_lettered"), wait);
    expect(target.requests.get(`crossdock-${tx}`)).toBe(3);
    expect(await statusOf(tx!)).toBe("dead_lettered");
    const row = await db.pool.query("SELECT error_message FROM transactions WHERE id = $1", [tx]);
    expect(row.rows[0].error_message).toMatch(/Gave up after 3 attempts: HTTP 503: down for maintenance/);
    const retries = await db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE transaction_id = $1 AND stage = 'retry_scheduled'",
      [tx],
    );
    expect(retries.rows[0].n).toBe(2);
  });

  it("4xx fails at once with the target's message", async () => {
    const [tx] = await failed("REJ", 1);
    target.answerFor = (b) => (b.businessKey === "REJ-0" ? "reject" : "accept");
    const { replayId } = await requestReplay(db.pool, engineer, { transactionId: tx!, reason: null, force: false });
    await vi.waitFor(async () => expect((await replayOf(replayId)).status).toBe("rejected"), wait);
    expect(await replayOf(replayId)).toMatchObject({ attempts: 1, message: "Customer of REJ-0 is blocked" });
    expect(await statusOf(tx!)).toBe("failed");
  });

  it("a re-send after no answer in time meets its own first send: accepted, not already posted", async () => {
    const [tx] = await failed("SLOW", 1);
    target.answerFor = (b) => (b.businessKey === "SLOW-0" ? "slow" : "accept");
    const { replayId } = await requestReplay(db.pool, engineer, { transactionId: tx!, reason: null, force: false });
    await vi.waitFor(async () => expect((await replayOf(replayId)).status).toBe("accepted"), wait);
    expect(await replayOf(replayId)).toMatchObject({ attempts: 2 });
    expect(target.requests.get(`crossdock-${tx}`)).toBe(2);
    expect(target.postings.get(`crossdock-${tx}`)).toBe(1);
    // Waiting for the target's report (the timed-out first send is history now), not
    // marked resolved on the target's "duplicate".
    expect(await statusOf(tx!)).toBe("replaying");
    const resolved = await db.pool.query("SELECT 1 FROM events WHERE transaction_id = $1 AND stage = 'resolved'", [tx]);
    expect(resolved.rowCount).toBe(0);
  });

  it("a duplicate posted by an earlier replay resolves the transaction as already posted", async () => {
    const [tx] = await failed("EARLIER", 1);
    target.postings.set(`crossdock-${tx}`, 1);
    target.postedBy.set(`crossdock-${tx}`, "an-earlier-replay");
    const { replayId } = await requestReplay(db.pool, engineer, { transactionId: tx!, reason: null, force: false });
    await vi.waitFor(async () => expect((await replayOf(replayId)).status).toBe("already_posted"), wait);
    expect(await statusOf(tx!)).toBe("resolved");
  });

  it("record check: a document already in the ERP resolves the transaction and sends nothing", async () => {
    await db.pool.query("UPDATE systems SET record_check_url = $1 WHERE name = 'erp-test'", [
      `${target.url}/records/{workflow}/{businessKey}`,
    ]);
    try {
      const [tx] = await failed("POSTED", 1);
      target.records.add("shipment_confirmation/POSTED-0");
      const { replayId } = await requestReplay(db.pool, engineer, { transactionId: tx!, reason: null, force: false });
      await vi.waitFor(async () => expect((await replayOf(replayId)).status).toBe("already_posted"), wait);
      expect(target.requests.get(`crossdock-${tx}`)).toBeUndefined();
      expect(await statusOf(tx!)).toBe("resolved");
    } finally {
      await db.pool.query("UPDATE systems SET record_check_url = NULL WHERE name = 'erp-test'");
    }
  });

  it("bulk of 1,000 with a mix of outcomes: correct per-item results, one posting per key", async () => {
    const ids = await failed("BULK", 1000, "failed", "bulk_test");
    await failed("BULKDONE", 3, "acknowledged", "bulk_test"); // matched by the filter, skipped without force
    target.answerFor = (b) => (Number(b.businessKey?.split("-")[1]) % 10 === 0 ? "reject" : "accept");
    const { bulkId, total } = await requestBulkReplay(db, engineer, {
      filter: {
        q: undefined,
        workflow: "bulk_test",
        site: undefined,
        transactionId: undefined,
        businessKey: undefined,
        traceId: undefined,
        orderId: undefined,
        shipmentId: undefined,
        loadId: undefined,
        invoiceId: undefined,
        sku: undefined,
        customerId: undefined,
        errorSignature: undefined,
      },
      reason: "customer master fixed",
      force: false,
    });
    expect(total).toBe(1003);
    await vi.waitFor(async () => expect((await getBulkReplay(db.pool, bulkId))!.status).toBe("done"), {
      timeout: 60_000,
      interval: 200,
    });
    const progress = (await getBulkReplay(db.pool, bulkId))!;
    expect(progress.counts).toEqual({ accepted: 900, rejected: 100, skipped: 3 });
    expect(ids.every((id) => (target.postings.get(`crossdock-${id}`) ?? 0) <= 1)).toBe(true);
    // Every accepted transaction posted exactly once. (Requests may exceed 1 on a busy
    // machine: an answer slower than the endpoint's timeout is re-sent with the same key.)
    expect(ids.filter((id) => target.postings.get(`crossdock-${id}`) === 1)).toHaveLength(900);
  }, 90_000);
});
