import { beforeAll, describe, expect, it } from "vitest";
import { ingest, newApiKey } from "../helpers/api";
import {
  type AutomationKey,
  auditOf,
  cancelTransaction,
  newAutomationKey,
  resolveTransaction,
} from "../helpers/automation-api";
import { useCapturedLogs } from "../helpers/captured-logs";
import { useTestDatabase } from "../helpers/test-database";

// Resolving and cancelling by hand, by automation over the API (an ITSM tool closing the
// incident's transactions): the service people use, with an API key as the requester.

const db = useTestDatabase();
let ingestKey: string;
let closer: AutomationKey; // resolve, every site
let eastCloser: AutomationKey; // resolve, site east only

beforeAll(async () => {
  ingestKey = await newApiKey(db.pool);
  closer = await newAutomationKey(db.pool, ["resolve"]);
  eastCloser = await newAutomationKey(db.pool, ["resolve"], ["east"]);
});

async function failedTransaction(id: string, site = "east"): Promise<string> {
  const event = {
    id,
    transactionId: id,
    workflow: "invoice_posting",
    stage: "failed",
    layer: "target_api",
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    target: "erp-cloud",
    site,
    businessKey: id,
    error: { code: "PERIOD_CLOSED", message: "posting period closed", retryable: false },
  };
  expect((await ingest(ingestKey, event)).body).toMatchObject({ accepted: 1 });
  const { rows } = await db.pool.query<{ id: string }>("SELECT id FROM transactions WHERE external_id = $1", [id]);
  return rows[0]!.id;
}

const statusOf = async (id: string) =>
  (await db.pool.query<{ status: string }>("SELECT status FROM transactions WHERE id = $1", [id])).rows[0]!.status;
const manualSteps = async (id: string) =>
  (
    await db.pool.query<{ stage: string; payload: unknown }>(
      `SELECT e.stage, p.payload FROM events e JOIN event_payloads p ON p.event_id = e.id
       WHERE e.transaction_id = $1 AND e.event_id LIKE 'crossdock:manual:%' ORDER BY e.id`,
      [id],
    )
  ).rows;

describe.each([
  { call: resolveTransaction, path: "resolve", outcome: "resolved", action: "transaction.resolve" },
  { call: cancelTransaction, path: "cancel", outcome: "cancelled", action: "transaction.cancel" },
])("POST /api/v1/transactions/{id}/$path", ({ call, path, outcome, action }) => {
  it("needs the resolve scope: a replay or read key gets 403 and nothing changes", async () => {
    const tx = await failedTransaction(`SCOPE-${path}`);
    const replayer = await newAutomationKey(db.pool, ["replay"]);
    const reader = await newApiKey(db.pool, `reader-${path}`, ["read"]);
    for (const key of [replayer.key, reader]) {
      const refused = await call(key, tx, { reason: "fixed in the ERP" });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe("This API key lacks the 'resolve' scope.");
    }
    expect(await statusOf(tx)).toBe("failed");
    expect(await manualSteps(tx)).toEqual([]);
  });

  it(`${path}s with a reason, on the trace and in the audit log in the key's name`, async () => {
    const tx = await failedTransaction(`DONE-${path}`);
    const res = await call(closer.key, tx, { reason: "INC0099 keyed in by finance" });
    expect(res).toMatchObject({ status: 200, body: { transactionId: tx, status: outcome } });
    expect(await statusOf(tx)).toBe(outcome);
    expect(await manualSteps(tx)).toEqual([
      { stage: outcome, payload: { resolution: "manual", by: closer.actor, reason: "INC0099 keyed in by finance" } },
    ]);
    expect(await auditOf(db.pool, tx)).toEqual([
      { actor: closer.actor, action, after: { status: outcome, reason: "INC0099 keyed in by finance" } },
    ]);
  });

  it("needs a reason, and says so by field", async () => {
    const tx = await failedTransaction(`NOREASON-${path}`);
    for (const body of [{}, { reason: "  " }]) {
      const res = await call(closer.key, tx, body);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual({ reason: expect.stringMatching(/Say why|expected string/) });
    }
    // PostgreSQL cannot store a NUL: refused by field, not a 500 from the database.
    const nul = await call(closer.key, tx, { reason: "INC\u00000099" });
    expect(nul.status).toBe(400);
    expect(nul.body.error.fields).toEqual({ reason: "must not contain a NUL character (\\u0000)" });
    const stray = await call(closer.key, tx, { reason: "x", force: true });
    expect(stray.status).toBe(400);
    expect(stray.body.error.fields).toEqual({ force: "is not a field of this call (it takes reason)" });
    expect(await statusOf(tx)).toBe("failed");
  });

  it("with an Idempotency-Key, a repeated call answers the first result and writes nothing", async () => {
    const tx = await failedTransaction(`IDEM-${path}`);
    const body = { reason: "closed by ServiceNow" };
    const first = await call(closer.key, tx, body, { idempotencyKey: `chg-${path}` });
    expect(first.status).toBe(200);
    const again = await call(closer.key, tx, body, { idempotencyKey: `chg-${path}` });
    expect(again).toMatchObject({ status: 200, body: first.body });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await manualSteps(tx)).toHaveLength(1);
    expect(await auditOf(db.pool, tx)).toHaveLength(1);

    const otherReason = await call(closer.key, tx, { reason: "another reason" }, { idempotencyKey: `chg-${path}` });
    expect(otherReason.status).toBe(422);
    expect(otherReason.body.error.message).toMatch(/already used for a different request/);

    // Without the key, the same call again is a new request, refused because it is closed.
    const plain = await call(closer.key, tx, body);
    expect(plain.status).toBe(409);
    expect(plain.body.error.message).toBe(`This transaction is ${outcome} already.`);
    expect(await auditOf(db.pool, tx)).toHaveLength(1);
  });

  it("a key of site east cannot close a transaction of site central", async () => {
    const central = await failedTransaction(`CENTRAL-${path}`, "central");
    const res = await call(eastCloser.key, central, { reason: "not ours" });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe("There is no such transaction.");
    expect(await statusOf(central)).toBe("failed");
    expect(await auditOf(db.pool, central)).toEqual([]);

    const east = await failedTransaction(`EAST-${path}`, "east");
    expect((await call(eastCloser.key, east, { reason: "ours" })).status).toBe(200);
  });
});

describe("Idempotency-Key while the first call runs", () => {
  // The row of a call still running: no status yet (as answerOnce leaves it until the answer).
  async function runningSince(key: string, interval: string) {
    await db.pool.query(
      `UPDATE api_idempotency_keys SET status_code = NULL, response = NULL, created_at = now() - $2::interval WHERE key = $1`,
      [key, interval],
    );
  }

  it("answers 409 with Retry-After while it runs, and says so when it never finished", async () => {
    const tx = await failedTransaction("RUNNING");
    const body = { reason: "done" };
    expect((await resolveTransaction(closer.key, tx, body, { idempotencyKey: "running" })).status).toBe(200);

    await runningSince("running", "1 second");
    const busy = await resolveTransaction(closer.key, tx, body, { idempotencyKey: "running" });
    expect(busy.status).toBe(409);
    expect(busy.body.error.message).toBe(
      "A request with this Idempotency-Key is still being processed; retry shortly.",
    );
    expect(busy.headers.get("retry-after")).toBe("1");

    await runningSince("running", "11 minutes");
    const abandoned = await resolveTransaction(closer.key, tx, body, { idempotencyKey: "running" });
    expect(abandoned.status).toBe(409);
    expect(abandoned.body.error.message).toMatch(/did not finish .* send a new request with a new key/);
    // Neither ran the call again.
    expect(await auditOf(db.pool, tx)).toHaveLength(1);
  });
});

describe("Idempotency-Key after a server error", () => {
  const logs = useCapturedLogs();
  it("is not kept: nothing was done, so the retry runs", async () => {
    const tx = await failedTransaction("SERVER-ERROR");
    // The audit log refuses every new row for a moment: the service's transaction fails.
    await db.pool.query("ALTER TABLE audit_log ADD CONSTRAINT refuse_all CHECK (false) NOT VALID");
    const body = { reason: "closed while the audit log is broken" };
    const failed = await resolveTransaction(closer.key, tx, body, { idempotencyKey: "server-error" }).finally(() =>
      db.pool.query("ALTER TABLE audit_log DROP CONSTRAINT refuse_all"),
    );
    expect(logs.where({ level: "error", msg: "POST /api/v1/transactions/{id}/resolve failed" })).toHaveLength(1);
    expect(failed.status).toBe(500);
    expect(failed.body.error.message).toMatch(/^Internal error; nothing was stored/);
    const kept = await db.pool.query("SELECT 1 FROM api_idempotency_keys WHERE key = 'server-error'");
    expect(kept.rows).toEqual([]);
    expect(await statusOf(tx)).toBe("failed");

    // The same key is free for the corrected call.
    const fixed = await resolveTransaction(closer.key, tx, { reason: "fixed" }, { idempotencyKey: "server-error" });
    expect(fixed.status).toBe(200);
  });
});

describe("Idempotency-Key results expire", () => {
  it("after API_IDEMPOTENCY_TTL_HOURS the key is free: the call runs again", async () => {
    const tx = await failedTransaction("EXPIRY");
    const first = await resolveTransaction(closer.key, tx, { reason: "done" }, { idempotencyKey: "expiring" });
    expect(first.status).toBe(200);
    const stored = await db.pool.query<{ hours: number }>(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM api_idempotency_keys WHERE key = 'expiring'`,
    );
    expect(stored.rows).toEqual([{ hours: 24 }]);

    await db.pool.query(
      "UPDATE api_idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'expiring'",
    );
    // Run again (and refused now: it is resolved), not answered from the expired result.
    const later = await resolveTransaction(closer.key, tx, { reason: "done" }, { idempotencyKey: "expiring" });
    expect(later.status).toBe(409);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    const kept = await db.pool.query("SELECT status_code FROM api_idempotency_keys WHERE key = 'expiring'");
    expect(kept.rows).toEqual([{ status_code: 409 }]);
  });

  it("expired results of any key are deleted as new keys arrive", async () => {
    const other = await newAutomationKey(db.pool, ["resolve"]);
    const tx = await failedTransaction("PURGE");
    await resolveTransaction(other.key, tx, { reason: "done" }, { idempotencyKey: "old-one" });
    await db.pool.query("UPDATE api_idempotency_keys SET expires_at = now() - interval '1 hour' WHERE key = 'old-one'");
    const next = await failedTransaction("PURGE-NEXT");
    await resolveTransaction(closer.key, next, { reason: "done" }, { idempotencyKey: "new-one" });
    const left = await db.pool.query("SELECT key FROM api_idempotency_keys WHERE key IN ('old-one', 'new-one')");
    expect(left.rows).toEqual([{ key: "new-one" }]);
  });
});
