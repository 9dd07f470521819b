import { beforeAll, describe, expect, it } from "vitest";
import { closeTransaction, closeTransactionSchema } from "@/lib/services/replay/close-transaction";
import { requestReplay } from "@/lib/services/replay/request-replay";
import { testActor } from "../helpers/actors";
import { ingest, newApiKey } from "../helpers/api";
import { insertSystem } from "../helpers/rows";
import { useTestDatabase } from "../helpers/test-database";

// Resolving and cancelling by hand: steps on the trace (so the derived status follows and
// the manual-intervention KPI sees them), an audit row with the reason, one winner when
// two people act at once, and the same permission and site rules as everywhere else.

const engineer = testActor("engineer");

const db = useTestDatabase();
let key: string;

beforeAll(async () => {
  key = await newApiKey(db.pool);
  await insertSystem(db.pool, { name: "erp-close", replayEndpoint: "http://127.0.0.1:9/replay" });
});

const failedEvent = (id: string, stage = "failed") => ({
  id: `${id}-f`,
  transactionId: id,
  workflow: "invoice_posting",
  stage,
  layer: "target_api",
  site: "east",
  target: "erp-close",
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  businessKey: id,
  error: { code: "PERIOD_CLOSED", message: "period closed", retryable: false },
});

async function failed(id: string, stage = "failed"): Promise<string> {
  expect((await ingest(key, { events: [failedEvent(id, stage)] })).body).toMatchObject({ rejected: 0 });
  return (await db.pool.query<{ id: string }>("SELECT id FROM transactions WHERE external_id = $1", [id])).rows[0]!.id;
}
const statusOf = async (id: string) =>
  (await db.pool.query<{ status: string }>("SELECT status FROM transactions WHERE id = $1", [id])).rows[0]!.status;
const input = (transactionId: string, reason = "keyed in the ERP by hand") =>
  closeTransactionSchema.parse({ transactionId, reason });

describe("resolve and cancel by hand", () => {
  it("resolve: status from a step on the trace, with who and why, and an audit row; a duplicate of the old failure does not reopen it", async () => {
    const tx = await failed("INV-R1");
    expect(await closeTransaction(db.pool, engineer, "resolved", input(tx))).toEqual({ status: "resolved" });
    expect(await statusOf(tx)).toBe("resolved");
    const step = await db.pool.query(
      `SELECT e.stage, p.payload FROM events e JOIN event_payloads p ON p.event_id = e.id WHERE e.transaction_id = $1 AND e.event_id LIKE 'crossdock:manual:%'`,
      [tx],
    );
    expect(step.rows).toEqual([
      {
        stage: "resolved",
        payload: { resolution: "manual", by: "engineer@example.test", reason: "keyed in the ERP by hand" },
      },
    ]);
    const audit = await db.pool.query("SELECT action, before, after FROM audit_log WHERE target_id = $1", [tx]);
    expect(audit.rows).toEqual([
      {
        action: "transaction.resolve",
        before: { status: "failed" },
        after: { status: "resolved", reason: "keyed in the ERP by hand" },
      },
    ]);

    await ingest(key, { events: [failedEvent("INV-R1")] }); // the middleware re-sends its log
    expect(await statusOf(tx)).toBe("resolved");
    // Closed: a plain replay is refused, a forced one (with a reason) is allowed.
    await expect(
      requestReplay(db.pool, engineer, { transactionId: tx, reason: null, force: false }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("cancel a dead-lettered transaction", async () => {
    const tx = await failed("INV-C1", "dead_lettered");
    await closeTransaction(db.pool, engineer, "cancelled", input(tx, "duplicate order, credited"));
    expect(await statusOf(tx)).toBe("cancelled");
    const audit = await db.pool.query("SELECT action FROM audit_log WHERE target_id = $1", [tx]);
    expect(audit.rows).toEqual([{ action: "transaction.cancel" }]);
  });

  it("refuses what is already closed or has a replay on its way, and writes nothing", async () => {
    const done = await failed("INV-X1");
    await closeTransaction(db.pool, engineer, "resolved", input(done));
    await expect(closeTransaction(db.pool, engineer, "cancelled", input(done))).rejects.toMatchObject({ status: 409 });
    const replaying = await failed("INV-X2");
    await requestReplay(db.pool, engineer, { transactionId: replaying, reason: null, force: false });
    await expect(closeTransaction(db.pool, engineer, "resolved", input(replaying))).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/replay/),
    });
    expect(await statusOf(replaying)).toBe("replaying");
    const manual = await db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE transaction_id = ANY($1::uuid[]) AND event_id LIKE 'crossdock:manual:%'",
      [[done, replaying]],
    );
    expect(manual.rows[0].n).toBe(1);
  });

  it("two people at once: exactly one resolve or cancel wins", async () => {
    const tx = await failed("INV-RACE");
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        closeTransaction(db.pool, engineer, i % 2 ? "resolved" : "cancelled", input(tx)),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const steps = await db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE transaction_id = $1 AND event_id LIKE 'crossdock:manual:%'",
      [tx],
    );
    expect(steps.rows[0].n).toBe(1);
  });

  it("needs the permission, the site and a reason", async () => {
    const tx = await failed("INV-P1");
    for (const role of ["viewer", "warehouse_manager", "finance"] as const) {
      await expect(closeTransaction(db.pool, testActor(role), "resolved", input(tx))).rejects.toMatchObject({
        status: 403,
      });
    }
    await expect(
      closeTransaction(db.pool, testActor("engineer", { sites: ["south"] }), "resolved", input(tx)),
    ).rejects.toMatchObject({ status: 404 });
    expect(() => closeTransactionSchema.parse({ transactionId: tx, reason: "   " })).toThrow(/Say why/);
    expect(await statusOf(tx)).toBe("failed");
    await closeTransaction(db.pool, testActor("admin"), "cancelled", input(tx));
    expect(await statusOf(tx)).toBe("cancelled");
  });
});
