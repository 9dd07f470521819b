import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rederiveTransactions } from "@/lib/ingest/store-events";
import { replaySettings } from "@/lib/jobs/replay/replay-settings";
import { type ReplayWorker, startReplayWorker } from "@/lib/jobs/replay/start-replay-worker";
import { foldRollups } from "@/lib/jobs/rollups/fold-rollups";
import { verifyRollups } from "@/lib/jobs/rollups/rebuild-rollups";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { getFailureSignatures } from "@/lib/queries/dashboard/get-failure-signatures";
import { getOverview } from "@/lib/queries/dashboard/get-overview";
import { getStuckGroups } from "@/lib/queries/dashboard/get-stuck-groups";
import { getWorkflowDetail } from "@/lib/queries/dashboard/get-workflow-detail";
import { getReplayWait } from "@/lib/queries/get-replay-wait";
import { searchTransactions } from "@/lib/queries/search-transactions";
import { closeTransaction } from "@/lib/services/replay/close-transaction";
import { appendReplayEvents, type ReplayEvent } from "@/lib/services/replay/replay-events";
import { requestReplay } from "@/lib/services/replay/request-replay";
import { testActor } from "../helpers/actors";
import { ingest, newApiKey } from "../helpers/api";
import { useCountingTarget } from "../helpers/counting-target";
import { allowLocalTargets } from "../helpers/local-targets";
import { insertSystem } from "../helpers/rows";
import { setTestSecretKey } from "../helpers/secret-key";
import { useTestDatabase } from "../helpers/test-database";

// Issue 15, point 1: a replay the target accepted must not look failed. The replay
// endpoint answers 503 once, the worker retries with the same Idempotency-Key and the
// target accepts. From then on the transaction waits for the ERP's confirmation - on its
// page, in the stuck list, the failures, search and the overview alike - and the refused
// attempt is history. The confirmation makes it succeeded; without one it is stuck again
// after the workflow's SLA (shipment confirmations: 20 min), with the replay as reason.

allowLocalTargets();
setTestSecretKey();
const settings = replaySettings({
  REPLAY_MAX_ATTEMPTS: "4",
  REPLAY_RETRY_BASE_MS: "50",
  REPLAY_RETRY_MAX_MS: "100",
  REPLAY_SWEEP_MS: "500",
});
const manager = testActor("warehouse_manager", { email: "manager.east@example.test", sites: ["east"] });
const SLA_MS = 20 * 60_000; // shipment_confirmation in the seeded catalogue
const MINUTE = 60_000;

const db = useTestDatabase({ catalogue: true });
const target = useCountingTarget();
let key: string;
let worker: ReplayWorker;

beforeAll(async () => {
  key = await newApiKey(db.pool, "middleware-rs");
  await insertSystem(db.pool, { name: "erp-rs", replayEndpoint: `${target.url}/replay`, replayTimeoutMs: 2000 });
  // The first delivery of each replay finds the endpoint busy; the retry gets through.
  const seen = new Set<string>();
  target.answerFor = (b) => {
    const first = !seen.has(String(b.businessKey));
    seen.add(String(b.businessKey));
    return first ? "down" : "accept";
  };
  worker = await startReplayWorker(db.pool, settings);
});

afterAll(async () => {
  await worker?.stop();
});

const common = (n: string) => ({
  transactionId: `TX-RS-${n}`,
  workflow: "shipment_confirmation",
  site: "east",
  source: "wms-east",
  target: "erp-rs",
  businessKey: `SHP-RS-${n}`,
  refs: { shipmentId: `SHP-RS-${n}` },
});

// A shipment confirmation the ERP rejected 40 minutes ago: stuck, needing a person.
async function rejected(n: string, amount: number): Promise<string> {
  const at = Date.now() - 40 * MINUTE;
  const res = await ingest(key, {
    events: [
      {
        ...common(n),
        id: `RS-${n}-1`,
        stage: "received",
        layer: "source_api",
        occurredAt: new Date(at).toISOString(),
        value: { amount, currency: "USD" },
        payload: { shipment: n },
      },
      {
        ...common(n),
        id: `RS-${n}-2`,
        stage: "failed",
        layer: "target_api",
        occurredAt: new Date(at + 2000).toISOString(),
        error: { code: "CUSTOMER_MASTER_INVALID", message: "Customer C-1 failed validation", retryable: false },
      },
    ],
  });
  expect(res.body).toMatchObject({ rejected: 0 });
  const { rows } = await db.pool.query<{ id: string }>("SELECT id FROM transactions WHERE external_id = $1", [
    `TX-RS-${n}`,
  ]);
  return rows[0]!.id;
}

async function replayAccepted(id: string): Promise<string> {
  const { replayId } = await requestReplay(db.pool, manager, { transactionId: id, reason: null, force: false });
  await vi.waitFor(
    async () => {
      const { rows } = await db.pool.query("SELECT status FROM replays WHERE id = $1", [replayId]);
      expect(rows[0].status).toBe("accepted");
    },
    { timeout: 20_000, interval: 50 },
  );
  return replayId;
}

async function row(id: string) {
  const { rows } = await db.pool.query<{
    status: string;
    error_code: string | null;
    error_signature: string | null;
    failed_layer: string | null;
    last_event_at: Date;
  }>("SELECT status, error_code, error_signature, failed_layer, last_event_at FROM transactions WHERE id = $1", [id]);
  return rows[0]!;
}

const windowAround = (now: Date) => ({
  from: new Date(now.getTime() - 86_400_000),
  to: new Date(now.getTime() + 3_600_000),
});

async function stuckSentences(now: Date): Promise<string[]> {
  const stuck = await getStuckGroups(
    db,
    { ...windowAround(now), workflowNames: ["shipment_confirmation"] },
    undefined,
    now,
  );
  return stuck.groups.map((g) => g.sentence);
}

async function overviewStuck(now: Date): Promise<number> {
  const o = await getOverview(db, { ...windowAround(now), workflowNames: ["shipment_confirmation"] }, undefined, now);
  return o.cards[0]!.stuck;
}

describe("an accepted replay", () => {
  let id: string;
  let acceptedAt: Date;
  let original: string | null;

  beforeAll(async () => {
    id = await rejected("1", 1200);
    const before = await row(id);
    expect(before).toMatchObject({ status: "failed", error_code: "CUSTOMER_MASTER_INVALID" });
    original = before.error_signature;
    expect(original).toMatch(/^target_api\|erp-rs\|CUSTOMER_MASTER_INVALID/);
    await replayAccepted(id);
    acceptedAt = (await row(id)).last_event_at;
  });

  it("was sent twice with one key and posted once", () => {
    expect(target.requests.get(`crossdock-${id}`)).toBe(2);
    expect(target.postings.get(`crossdock-${id}`)).toBe(1);
  });

  it("is replaying, waiting for confirmation, with the failure it was replayed for and not the refused attempt", async () => {
    const tx = await row(id);
    expect(tx.status).toBe("replaying");
    expect(tx.error_code).toBe("CUSTOMER_MASTER_INVALID");
    expect(tx.error_signature).toBe(original);
    const wait = await getReplayWait(db.pool, id);
    expect(wait).toMatchObject({ replayedBy: manager.email, target: "erp-rs", slaMinutes: 20 });
    expect(Math.abs(wait!.replayedAt.getTime() - acceptedAt.getTime())).toBeLessThan(2000);
    // The refused attempt stays on the trace, as history, before the acceptance.
    const { rows } = await db.pool.query<{ stage: string; error_code: string | null }>(
      "SELECT stage, error_code FROM events WHERE transaction_id = $1 AND event_id LIKE 'crossdock:%' ORDER BY occurred_at, id",
      [id],
    );
    expect(rows.map((r) => [r.stage, r.error_code])).toEqual([
      ["replay_requested", null],
      ["retry_scheduled", "REPLAY_TARGET_UNAVAILABLE"],
      ["delivered", null],
    ]);
  });

  it("shows the same status in search, and restarts the stuck clock from the acceptance", async () => {
    const search = await searchTransactions(db.prisma, "SHP-RS-1");
    expect(search.hits.map((h) => h.transaction.status)).toEqual(["replaying"]);
    // It was stuck (failed 40 min ago); within the SLA after the replay it is not.
    const soon = new Date(acceptedAt.getTime() + SLA_MS - MINUTE);
    expect(await stuckSentences(soon)).toEqual([]);
    expect(await overviewStuck(soon)).toBe(0);
    const detail = await getWorkflowDetail(db, "shipment_confirmation", windowAround(soon), undefined, soon);
    expect(detail?.stuck).toEqual([]);
  });

  it("is counted under the failure it was replayed for, still open, never under the refused attempt", async () => {
    await foldRollups(db.pool);
    const now = new Date();
    const f = await getFailureSignatures(db, { ...windowAround(now), workflowNames: ["shipment_confirmation"] });
    expect(f.signatures.map((s) => [s.errorCode, s.transactions, s.open])).toEqual([["CUSTOMER_MASTER_INVALID", 1, 1]]);
  });

  it("without a confirmation within the SLA, is stuck again with the replay as reason", async () => {
    const late = new Date(acceptedAt.getTime() + SLA_MS + MINUTE);
    const sentences = await stuckSentences(late);
    expect(sentences).toHaveLength(1);
    expect(sentences[0]).toMatch(/^1 shipment confirmation from east waiting since \d\d:\d\d UTC - /);
    expect(sentences[0]).toContain("replayed, not confirmed within 20 min");
    expect(sentences[0]).not.toMatch(/REPLAY_TARGET_UNAVAILABLE|503|CUSTOMER_MASTER_INVALID/);
    expect(await overviewStuck(late)).toBe(1);
    const detail = await getWorkflowDetail(db, "shipment_confirmation", windowAround(late), undefined, late);
    expect(detail?.stuck.map((t) => [t.status, t.errorCode])).toEqual([["replaying", null]]);
  });

  it("the ERP's confirmation makes it succeeded, and the rollups equal a recount", async () => {
    const res = await ingest(key, {
      events: [
        {
          ...common("1"),
          id: "RS-1-ack",
          stage: "acknowledged",
          layer: "target_api",
          occurredAt: new Date(acceptedAt.getTime() + 500).toISOString(),
        },
      ],
    });
    expect(res.body).toMatchObject({ rejected: 0 });
    const tx = await row(id);
    expect(tx.status).toBe("succeeded");
    expect(tx.error_signature).toBe(original); // history: what it failed with before
    expect(await getReplayWait(db.pool, id)).toBeNull();
    const late = new Date(acceptedAt.getTime() + SLA_MS + MINUTE);
    expect(await stuckSentences(late)).toEqual([]);
    expect(await overviewStuck(late)).toBe(0);
    const hour = 3_600_000;
    const now = Date.now();
    const range = {
      from: new Date(Math.floor((now - 2 * hour) / hour) * hour),
      to: new Date(Math.ceil((now + hour) / hour) * hour),
    };
    expect(await verifyRollups(db.pool, range)).toEqual([]);
    await foldRollups(db.pool);
    const f = await getFailureSignatures(db, { ...windowAround(new Date()), workflowNames: ["shipment_confirmation"] });
    expect(f.signatures.map((s) => [s.errorCode, s.transactions, s.open])).toEqual([["CUSTOMER_MASTER_INVALID", 1, 0]]);
  });
});

describe("a replay waiting for the ERP's confirmation", () => {
  const engineer = testActor("engineer", { email: "engineer@example.test" });

  it("is not replayed again without force; forced, the same Idempotency-Key goes out again", async () => {
    const id = await rejected("W1", 300);
    await replayAccepted(id);
    await expect(
      requestReplay(db.pool, manager, { transactionId: id, reason: null, force: false }),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/waits for the target's confirmation; replaying it again needs "force"/),
    });
    // Forced by an engineer who checked the ERP: the same Idempotency-Key goes out again.
    const { replayId } = await requestReplay(db.pool, engineer, {
      transactionId: id,
      reason: "ERP shows no posting; sending again",
      force: true,
    });
    await vi.waitFor(
      async () => {
        const r = await db.pool.query("SELECT status FROM replays WHERE id = $1", [replayId]);
        // The target knows the key: it posted the first time, and says so instead of posting twice.
        expect(r.rows[0].status).toBe("already_posted");
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(target.requests.get(`crossdock-${id}`)).toBe(3); // the 503, the acceptance, the forced one
  });

  it("may be resolved by a person who checked the ERP, and is then no longer waiting", async () => {
    const id = await rejected("W2", 400);
    await replayAccepted(id);
    expect(await getReplayWait(db.pool, id)).not.toBeNull();
    // While another replay of it is queued, closing it would race that replay's outcome.
    const queued = await db.pool.query<{ id: string }>(
      `INSERT INTO replays (id, transaction_id, requested_by, status, next_attempt_at)
       VALUES (gen_random_uuid(), $1, 'engineer@example.test', 'queued', now() + interval '1 hour') RETURNING id`,
      [id],
    );
    const close = () =>
      closeTransaction(db.pool, engineer, "resolved", { transactionId: id, reason: "posted in the ERP by hand" });
    await expect(close()).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/on its way/) });
    await db.pool.query("UPDATE replays SET status = 'cancelled' WHERE id = $1", [queued.rows[0]!.id]);
    await close();
    expect((await row(id)).status).toBe("resolved");
    expect(await getReplayWait(db.pool, id)).toBeNull();
  });
});

describe("a replay the endpoint never accepts", () => {
  it("is dead-lettered with the refusal as its current error, and waits for no confirmation", async () => {
    const id = await rejected("2", 50);
    const previous = target.answerFor;
    target.answerFor = (b) => (b.businessKey === "SHP-RS-2" ? "down" : previous(b));
    try {
      const { replayId } = await requestReplay(db.pool, manager, { transactionId: id, reason: null, force: false });
      await vi.waitFor(
        async () => {
          const { rows } = await db.pool.query("SELECT status FROM replays WHERE id = $1", [replayId]);
          expect(rows[0].status).toBe("dead_lettered");
        },
        { timeout: 20_000, interval: 50 },
      );
      const tx = await row(id);
      expect(tx).toMatchObject({ status: "dead_lettered", error_code: "REPLAY_UNDELIVERABLE" });
      expect(await getReplayWait(db.pool, id)).toBeNull();
    } finally {
      target.answerFor = previous;
    }
  });
});

describe("the target's outcome arriving while the acceptance is recorded", () => {
  it("is never lost: the later of the two re-derives from both", async () => {
    const id = await rejected("3", 10);
    const step = (stage: ReplayEvent["stage"], name: string): ReplayEvent => ({
      transactionId: id,
      eventId: `crossdock:race:${name}`,
      stage,
      layer: "middleware",
      note: {},
    });
    await inTransaction(db.pool, (c) => appendReplayEvents(db.pool, c, [step("replay_requested", "requested")]));
    // Ingest of the target's acknowledgement, caught between storing it and committing:
    // the transaction row is locked and derived as succeeded, not yet visible to others.
    const ingesting = await db.pool.connect();
    try {
      await ingesting.query("BEGIN");
      await ingesting.query(
        `INSERT INTO events (sender_system_id, event_id, transaction_id, workflow, stage, layer, occurred_at)
         SELECT sender_system_id, 'RS-3-ack', transaction_id, workflow, 'acknowledged', 'target_api', now() + interval '1 second'
         FROM events WHERE event_id = 'RS-3-1'`,
      );
      await ingesting.query("SELECT 1 FROM transactions WHERE id = $1 FOR UPDATE", [id]);
      await rederiveTransactions(db.pool, ingesting, [id]);
      // Meanwhile the worker records the acceptance.
      const recording = inTransaction(db.pool, (c) =>
        appendReplayEvents(db.pool, c, [step("delivered", "delivered:1")]),
      );
      await new Promise((r) => setTimeout(r, 300));
      await ingesting.query("COMMIT");
      await recording;
    } finally {
      ingesting.release();
    }
    expect((await row(id)).status).toBe("succeeded");
  });
});
