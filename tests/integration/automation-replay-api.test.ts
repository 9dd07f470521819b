import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { replaySettings } from "@/lib/jobs/replay/replay-settings";
import { type ReplayWorker, startReplayWorker } from "@/lib/jobs/replay/start-replay-worker";
import { findTransactions, ingest, newApiKey } from "../helpers/api";
import {
  type AutomationKey,
  auditOf,
  bulkReplayStatus,
  cancelBulkReplay,
  estimateBulkReplay,
  newAutomationKey,
  replayStatus,
  replayTransaction,
  requestBulkReplay,
} from "../helpers/automation-api";
import { useCountingTarget } from "../helpers/counting-target";
import { allowLocalTargets } from "../helpers/local-targets";
import { insertSystem } from "../helpers/rows";
import { setTestSecretKey } from "../helpers/secret-key";
import { useTestDatabase } from "../helpers/test-database";

// Replays and bulk replays by automation over the API: the same services, rules and worker
// as people's replays (tests/integration/replay.test.ts), with an API key as the requester.

allowLocalTargets();
setTestSecretKey();
const settings = replaySettings({
  REPLAY_MAX_ATTEMPTS: "3",
  REPLAY_RETRY_BASE_MS: "50",
  REPLAY_RETRY_MAX_MS: "200",
  REPLAY_SWEEP_MS: "500",
  // Small batches, so most of a bulk replay to a slow target is still waiting when cancelled.
  REPLAY_BATCH_SIZE: "2",
  REPLAY_LANES: "1",
});

const db = useTestDatabase();
const target = useCountingTarget();
let worker: ReplayWorker;
let ingestKey: string;
let runbook: AutomationKey; // replay, every site
let eastRunbook: AutomationKey; // replay, site east only

beforeAll(async () => {
  ingestKey = await newApiKey(db.pool);
  runbook = await newAutomationKey(db.pool, ["replay"]);
  eastRunbook = await newAutomationKey(db.pool, ["replay", "read"], ["east"]);
  await insertSystem(db.pool, {
    name: "erp-api",
    replayEndpoint: `${target.url}/replay`,
    replayTimeoutMs: 2000,
    replayConcurrency: 50,
    replayRatePerSecond: 5000,
  });
  // A slow target, so a bulk replay is still running when it is cancelled.
  await insertSystem(db.pool, {
    name: "erp-slow",
    replayEndpoint: `${target.url}/replay`,
    replayConcurrency: 1,
    replayRatePerSecond: 1,
  });
  worker = await startReplayWorker(db.pool, settings);
});

afterAll(async () => {
  await worker?.stop();
});

// Transactions at `site` bound for `system`, ingested through the real API; their ids.
async function ingested(
  prefix: string,
  n: number,
  options: { stage?: "failed" | "acknowledged"; site?: string; system?: string; workflow?: string } = {},
): Promise<string[]> {
  const stage = options.stage ?? "failed";
  const events = Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    transactionId: `${prefix}-${i}`,
    workflow: options.workflow ?? "shipment_confirmation",
    stage,
    layer: "target_api",
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    target: options.system ?? "erp-api",
    site: options.site ?? "east",
    businessKey: `${prefix}-${i}`,
    payload: { n: i },
    ...(stage === "failed" ? { error: { code: "CUSTOMER_MASTER_INVALID", message: "bad", retryable: false } } : {}),
  }));
  expect((await ingest(ingestKey, { events })).body).toMatchObject({ rejected: 0 });
  const { rows } = await db.pool.query<{ id: string }>(
    "SELECT id FROM transactions WHERE external_id LIKE $1 ORDER BY external_id",
    [`${prefix}-%`],
  );
  return rows.map((r) => r.id);
}

const statusOf = async (id: string) =>
  (await db.pool.query<{ status: string }>("SELECT status FROM transactions WHERE id = $1", [id])).rows[0]!.status;
const replayCount = async (id: string) =>
  (await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM replays WHERE transaction_id = $1", [id]))
    .rows[0]!.n;
const wait = { timeout: 20_000, interval: 50 };

describe("POST /api/v1/transactions/{id}/replay", () => {
  it("refuses a missing key (401) and a key without the replay scope (403), changing nothing", async () => {
    const [tx] = await ingested("SCOPE", 1);
    const readOnly = await newApiKey(db.pool, "reporting", ["read"]);
    const resolver = await newAutomationKey(db.pool, ["resolve"]);

    const anonymous = await replayTransaction(null, tx!, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toMatch(/Missing API key/);
    for (const key of [readOnly, resolver.key]) {
      const refused = await replayTransaction(key, tx!, {});
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe("This API key lacks the 'replay' scope.");
    }
    expect(await replayCount(tx!)).toBe(0);
    expect(await statusOf(tx!)).toBe("failed");
  });

  it("replays, is followed to its outcome, and names the key on the trace and in the audit log", async () => {
    const [tx] = await ingested("ONE", 1);
    const res = await replayTransaction(runbook.key, tx!, { reason: "INC0012345: customer master fixed" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      replayId: expect.any(String),
      transactionId: tx,
      system: "erp-api",
      status: "queued",
      statusUrl: `/api/v1/replays/${res.body.replayId}`,
    });

    await vi.waitFor(async () => {
      const followed = await replayStatus(runbook.key, res.body.replayId);
      expect(followed.status).toBe(200);
      expect(followed.body).toMatchObject({
        replayId: res.body.replayId,
        transactionId: tx,
        status: "accepted",
        done: true,
      });
    }, wait);
    expect(target.postings.get(`crossdock-${tx}`)).toBe(1);

    // The request and the worker's outcome, both in the key's name.
    const audit = await auditOf(db.pool, tx!);
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      [runbook.actor, "transaction.replay"],
      [runbook.actor, "replay.accepted"],
    ]);
    expect(audit[0]!.after).toEqual({
      replayId: res.body.replayId,
      system: "erp-api",
      reason: "INC0012345: customer master fixed",
      force: false,
    });
    const replay = await db.pool.query("SELECT requested_by FROM replays WHERE id = $1", [res.body.replayId]);
    expect(replay.rows[0].requested_by).toBe(runbook.actor);
    const step = await db.pool.query(
      `SELECT p.payload FROM events e JOIN event_payloads p ON p.event_id = e.id
       WHERE e.transaction_id = $1 AND e.stage = 'replay_requested'`,
      [tx],
    );
    expect(step.rows[0].payload).toMatchObject({ requestedBy: runbook.actor, replayId: res.body.replayId });
  });

  it("with an Idempotency-Key, a repeated call answers the first result and starts nothing", async () => {
    const [tx] = await ingested("IDEM", 1);
    const body = { reason: "retried by the runbook", force: false };
    const first = await replayTransaction(runbook.key, tx!, body, { idempotencyKey: "run-4711" });
    expect(first.status).toBe(202);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    // Same body with its keys in another order: the same request.
    const again = await replayTransaction(
      runbook.key,
      tx!,
      { force: false, reason: "retried by the runbook" },
      {
        idempotencyKey: "run-4711",
      },
    );
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");

    await vi.waitFor(
      async () => expect((await replayStatus(runbook.key, first.body.replayId)).body.done).toBe(true),
      wait,
    );
    expect(await replayCount(tx!)).toBe(1);
    expect(target.requests.get(`crossdock-${tx}`)).toBe(1);
    expect((await auditOf(db.pool, tx!)).filter((a) => a.action === "transaction.replay")).toHaveLength(1);

    // The same key for another body, or another transaction, is a conflict that starts nothing.
    const otherBody = await replayTransaction(
      runbook.key,
      tx!,
      { reason: "something else" },
      { idempotencyKey: "run-4711" },
    );
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error.message).toMatch(/already used for a different request/);
    const [other] = await ingested("IDEM-OTHER", 1);
    const otherPath = await replayTransaction(runbook.key, other!, body, { idempotencyKey: "run-4711" });
    expect(otherPath.status).toBe(422);
    expect(await replayCount(other!)).toBe(0);
    expect(await statusOf(other!)).toBe("failed");

    // Keys are per API key: another key may use the same Idempotency-Key for its own call.
    const colleague = await newAutomationKey(db.pool, ["replay"]);
    expect((await replayTransaction(colleague.key, other!, body, { idempotencyKey: "run-4711" })).status).toBe(202);
  });

  it("concurrent calls with one Idempotency-Key start one replay", async () => {
    const [tx] = await ingested("RACE", 1);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => replayTransaction(runbook.key, tx!, {}, { idempotencyKey: "race-1" })),
    );
    const started = answers.filter((a) => a.status === 202);
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(new Set(started.map((a) => a.body.replayId)).size).toBe(1);
    // The others found it still running.
    for (const a of answers.filter((x) => x.status !== 202)) {
      expect(a.status).toBe(409);
      expect(a.body.error.message).toMatch(/still being processed/);
      expect(a.headers.get("retry-after")).toBe("1");
    }
    expect(await replayCount(tx!)).toBe(1);
  });

  it("a refusal is the first result too: repeated with its key, it is answered again", async () => {
    const [tx] = await ingested("REFUSED", 1, { stage: "acknowledged" });
    const first = await replayTransaction(runbook.key, tx!, {}, { idempotencyKey: "refused-1" });
    expect(first.status).toBe(409);
    const again = await replayTransaction(runbook.key, tx!, {}, { idempotencyKey: "refused-1" });
    expect(again).toMatchObject({ status: 409, body: first.body });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("force: a finished transaction needs force and a reason; the audit row says forced", async () => {
    const [tx] = await ingested("FORCE", 1, { stage: "acknowledged" });
    const unforced = await replayTransaction(runbook.key, tx!, {});
    expect(unforced.status).toBe(409);
    expect(unforced.body.error.message).toMatch(/This transaction is succeeded; replaying it needs "force"/);

    const noReason = await replayTransaction(runbook.key, tx!, { force: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toEqual({ reason: "A forced replay needs a reason." });
    expect(await replayCount(tx!)).toBe(0);

    const forced = await replayTransaction(runbook.key, tx!, { force: true, reason: "ERP lost the posting" });
    expect(forced.status).toBe(202);
    const [audit] = await auditOf(db.pool, tx!);
    expect(audit).toMatchObject({ actor: runbook.actor, action: "transaction.force_replay", after: { force: true } });
  });

  it("in progress is never claimed twice: a second call without an Idempotency-Key gets 409", async () => {
    const [tx] = await ingested("TWICE", 1);
    expect((await replayTransaction(runbook.key, tx!, {})).status).toBe(202);
    const second = await replayTransaction(runbook.key, tx!, {});
    expect(second.status).toBe(409);
    expect(await replayCount(tx!)).toBe(1);
  });

  it("the system-of-record check holds: a document the target already has is not sent", async () => {
    await db.pool.query("UPDATE systems SET record_check_url = $1 WHERE name = 'erp-api'", [
      `${target.url}/records/{workflow}/{businessKey}`,
    ]);
    try {
      const [tx] = await ingested("SOR", 1);
      target.records.add("shipment_confirmation/SOR-0");
      const res = await replayTransaction(runbook.key, tx!, { reason: "runbook" });
      expect(res.status).toBe(202);
      await vi.waitFor(
        async () => expect((await replayStatus(runbook.key, res.body.replayId)).body.status).toBe("already_posted"),
        wait,
      );
      expect(target.requests.get(`crossdock-${tx}`)).toBeUndefined();
    } finally {
      await db.pool.query("UPDATE systems SET record_check_url = NULL WHERE name = 'erp-api'");
    }
  });

  it("a key scoped to site east cannot replay, follow or read a transaction of site central", async () => {
    const [central] = await ingested("CENTRAL", 1, { site: "central" });
    const [east] = await ingested("EAST", 1, { site: "east" });

    const refused = await replayTransaction(eastRunbook.key, central!, { reason: "not mine" });
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toBe("There is no such transaction.");
    expect(await replayCount(central!)).toBe(0);
    expect(await statusOf(central!)).toBe("failed");
    expect(await auditOf(db.pool, central!)).toEqual([]);

    const own = await replayTransaction(eastRunbook.key, east!, { reason: "mine" });
    expect(own.status).toBe(202);

    // Someone else's replay of the central transaction is not the east key's to follow.
    const theirs = await replayTransaction(runbook.key, central!, {});
    expect((await replayStatus(eastRunbook.key, theirs.body.replayId)).status).toBe(404);
    expect((await replayStatus(runbook.key, theirs.body.replayId)).status).toBe(200);

    const listed = await findTransactions(eastRunbook.key, { q: "CENTRAL-0" });
    expect(listed.body.transactions).toEqual([]);
    expect((await findTransactions(eastRunbook.key, { q: "EAST-0" })).body.transactions).toHaveLength(1);
  });

  it("answers bad input with what and where", async () => {
    const [tx] = await ingested("BAD", 1);
    const typo = await replayTransaction(runbook.key, tx!, { reason: "x", forced: true });
    expect(typo.status).toBe(400);
    expect(typo.body.error.fields).toEqual({ forced: "is not a field of this call (it takes reason, force)" });

    const notUuid = await replayTransaction(runbook.key, "SHP-1001", {});
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.error.fields).toEqual({ transactionId: "must be a transaction id" });

    const malformed = await replayTransaction(runbook.key, tx!, undefined, { raw: '{"reason": "x",}' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/^Malformed JSON: syntax error at line 1, column/);

    const badKey = await replayTransaction(runbook.key, tx!, {}, { idempotencyKey: "x".repeat(256) });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.message).toMatch(/Idempotency-Key must be 1 to 255 visible ASCII characters/);
    expect(await replayCount(tx!)).toBe(0);

    // Refused before the Idempotency-Key was taken: the corrected request may use it.
    const wrong = await replayTransaction(runbook.key, tx!, { reason: "x", forced: true }, { idempotencyKey: "fix-1" });
    expect(wrong.status).toBe(400);
    const fixed = await replayTransaction(runbook.key, tx!, { reason: "x" }, { idempotencyKey: "fix-1" });
    expect(fixed.status).toBe(202);
    expect(await replayCount(tx!)).toBe(1);
  });
});

describe("POST /api/v1/bulk-replays", () => {
  it("replays what the filter selects, followed by its status; a repeated call starts no second bulk", async () => {
    const ids = await ingested("BULK", 12, { workflow: "api_bulk" });
    await ingested("BULKDONE", 2, { workflow: "api_bulk", stage: "acknowledged" });
    const body = { filter: { workflow: "api_bulk" }, reason: "CHG0042 customer master reloaded" };

    const res = await requestBulkReplay(runbook.key, body, { idempotencyKey: "bulk-1" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      bulkId: expect.any(String),
      total: 14,
      status: "running",
      statusUrl: `/api/v1/bulk-replays/${res.body.bulkId}`,
    });
    const again = await requestBulkReplay(runbook.key, body, { idempotencyKey: "bulk-1" });
    expect(again.body).toEqual(res.body);
    const bulks = await db.pool.query("SELECT count(*)::int AS n FROM bulk_replays WHERE reason = $1", [body.reason]);
    expect(bulks.rows[0].n).toBe(1);

    await vi.waitFor(async () => {
      const progress = await bulkReplayStatus(runbook.key, res.body.bulkId);
      expect(progress.status).toBe(200);
      expect(progress.body.status).toBe("done");
    }, wait);
    const progress = (await bulkReplayStatus(runbook.key, res.body.bulkId)).body;
    expect(progress).toMatchObject({ requestedBy: runbook.actor, total: 14, counts: { accepted: 12, skipped: 2 } });
    expect(ids.every((id) => target.postings.get(`crossdock-${id}`) === 1)).toBe(true);
    expect(await auditOf(db.pool, res.body.bulkId)).toEqual([
      {
        actor: runbook.actor,
        action: "bulk_replay.request",
        after: { filter: { workflow: "api_bulk" }, reason: body.reason, force: false, total: 14 },
      },
    ]);
  });

  it("estimate: what a bulk replay would do, within the key's sites, starting nothing", async () => {
    await ingested("EST-E", 4, { workflow: "api_estimate", site: "east" });
    await ingested("EST-D", 1, { workflow: "api_estimate", site: "east", stage: "acknowledged" });
    await ingested("EST-C", 3, { workflow: "api_estimate", site: "central" });
    const body = { filter: { workflow: "api_estimate" } };

    const all = await estimateBulkReplay(runbook.key, body);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 8, toReplay: 7, skipped: 1, noEndpoint: 0, alreadyPosted: 0 });
    expect(all.body.targets).toEqual([{ system: "erp-api", count: 7, ratePerSecond: 5000, seconds: 1 }]);
    const forced = await estimateBulkReplay(runbook.key, { ...body, force: true });
    expect(forced.body).toMatchObject({ total: 8, toReplay: 8, skipped: 0 });
    expect((await estimateBulkReplay(eastRunbook.key, body)).body).toMatchObject({ total: 5, toReplay: 4, skipped: 1 });

    const replays = await db.pool.query(
      "SELECT count(*)::int AS n FROM replays r JOIN transactions t ON t.id = r.transaction_id WHERE t.external_id LIKE 'EST-%'",
    );
    expect(replays.rows[0].n).toBe(0);
    const typo = await estimateBulkReplay(runbook.key, { filter: { workflow: "api_estimate" }, reason: "x" });
    expect(typo.status).toBe(400);
    expect(typo.body.error.fields).toEqual({ reason: "is not a field of this call (it takes filter, force)" });
  });

  it("a site-scoped key's bulk replay takes only its sites' transactions", async () => {
    const east = await ingested("BSITE-E", 3, { workflow: "api_bulk_sites", site: "east" });
    const central = await ingested("BSITE-C", 2, { workflow: "api_bulk_sites", site: "central" });
    const res = await requestBulkReplay(eastRunbook.key, {
      filter: { workflow: "api_bulk_sites" },
      reason: "east only",
    });
    expect(res.body.total).toBe(3);
    const items = await db.pool.query<{ transaction_id: string }>(
      "SELECT transaction_id FROM replays WHERE bulk_id = $1 ORDER BY transaction_id",
      [res.body.bulkId],
    );
    expect(items.rows.map((r) => r.transaction_id)).toEqual([...east].sort());
    for (const id of central) expect(await replayCount(id)).toBe(0);
  });

  it("refuses a misspelt or empty filter and a missing reason, naming the field", async () => {
    const typo = await requestBulkReplay(runbook.key, { filter: { workflo: "api_bulk" }, reason: "x" });
    expect(typo.status).toBe(400);
    expect(Object.keys(typo.body.error.fields)).toEqual(["filter"]);
    expect(typo.body.error.fields.filter).toMatch(/Unrecognized key: "workflo"/);
    const empty = await requestBulkReplay(runbook.key, { filter: {}, reason: "x" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.filter).toMatch(/Name at least one filter field/);
    const noReason = await requestBulkReplay(runbook.key, { filter: { workflow: "api_bulk" } });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.error.fields)).toEqual(["reason"]);
    const readOnly = await newApiKey(db.pool, "reporting-2", ["read"]);
    expect((await requestBulkReplay(readOnly, { filter: { workflow: "api_bulk" }, reason: "x" })).status).toBe(403);
  });

  it("cancel: items not yet sent are cancelled, once; the audit row names the key", async () => {
    await ingested("SLOW", 20, { workflow: "api_bulk_slow", system: "erp-slow" });
    const started = await requestBulkReplay(runbook.key, { filter: { workflow: "api_bulk_slow" }, reason: "slow" });
    expect(started.status).toBe(202);
    const { bulkId } = started.body;

    const cancel = await cancelBulkReplay(runbook.key, bulkId, { idempotencyKey: "cancel-1" });
    expect(cancel.status).toBe(200);
    expect(cancel.body).toEqual({ bulkId, status: "cancelled", cancelled: expect.any(Number) });
    expect(cancel.body.cancelled).toBeGreaterThanOrEqual(15);
    expect(await cancelBulkReplay(runbook.key, bulkId, { idempotencyKey: "cancel-1" })).toMatchObject({
      status: 200,
      body: cancel.body,
    });
    const later = await cancelBulkReplay(runbook.key, bulkId);
    expect(later.status).toBe(409);
    expect(later.body.error.message).toBe("This bulk replay is already cancelled.");

    const progress = (await bulkReplayStatus(runbook.key, bulkId)).body;
    expect(progress.status).toBe("cancelled");
    expect(progress.counts.cancelled).toBe(cancel.body.cancelled);
    expect((await auditOf(db.pool, bulkId)).map((a) => [a.actor, a.action])).toEqual([
      [runbook.actor, "bulk_replay.request"],
      [runbook.actor, "bulk_replay.cancel"],
    ]);
  });

  it("a key scoped to east cannot cancel someone else's bulk that reaches another site; its own site's it can", async () => {
    await ingested("MIXED-E", 10, { workflow: "api_bulk_mixed", system: "erp-slow", site: "east" });
    await ingested("MIXED-C", 10, { workflow: "api_bulk_mixed", system: "erp-slow", site: "central" });
    const mixed = await requestBulkReplay(runbook.key, { filter: { workflow: "api_bulk_mixed" }, reason: "mixed" });
    expect(mixed.status).toBe(202);
    const refused = await cancelBulkReplay(eastRunbook.key, mixed.body.bulkId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/^This bulk replay includes transactions outside your sites \(east\)/);
    expect((await bulkReplayStatus(runbook.key, mixed.body.bulkId)).body.status).toBe("running");

    await ingested("EASTONLY", 20, { workflow: "api_bulk_east", system: "erp-slow", site: "east" });
    const eastOnly = await requestBulkReplay(runbook.key, { filter: { workflow: "api_bulk_east" }, reason: "east" });
    expect((await cancelBulkReplay(eastRunbook.key, eastOnly.body.bulkId)).status).toBe(200);
    expect((await cancelBulkReplay(runbook.key, mixed.body.bulkId)).status).toBe(200);
  });

  it("cancelling a bulk replay needs the replay scope; an unknown one is 404", async () => {
    const resolver = await newAutomationKey(db.pool, ["resolve"]);
    expect((await cancelBulkReplay(resolver.key, "00000000-0000-4000-8000-000000000000")).status).toBe(403);
    expect((await cancelBulkReplay(runbook.key, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});
