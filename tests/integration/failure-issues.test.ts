import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getIssues } from "@/app/api/dashboard/failures/issues/route";
import { acknowledgeIssueAction, resolveIssueAction } from "@/app/failures/issues/actions";
import type { Actor } from "@/lib/auth/actor";
import { syncFailureIssues } from "@/lib/jobs/issues/sync-failure-issues";
import { getFailureIssue } from "@/lib/queries/get-failure-issue";
import { listFailureIssues } from "@/lib/queries/list-failure-issues";
import { acknowledgeIssue } from "@/lib/services/issues/acknowledge-issue";
import { reopenIssue } from "@/lib/services/issues/reopen-issue";
import { resolveIssue } from "@/lib/services/issues/resolve-issue";
import { closeTransaction, closeTransactionSchema } from "@/lib/services/replay/close-transaction";
import { ingest, newApiKey } from "../helpers/api";
import { roleUserActor, signInAs, useRoleUsers } from "../helpers/session";
import { useTestDatabase } from "../helpers/test-database";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

// Failure issues: open failures with one error signature become one issue with live
// figures; people acknowledge, resolve and reopen it; the sync reopens it on recurrence and
// resolves it when nothing is left open; site-scoped people see their sites only.

const db = useTestDatabase();
let key: string;
const { ids: users } = useRoleUsers(db);
let engineer: Actor;

beforeAll(async () => {
  key = await newApiKey(db.pool);
  engineer = roleUserActor(users, "engineer");
});

const HOUR = 3_600_000;
interface Failure {
  id: string;
  site: string;
  at: number;
  amount?: number;
  currency?: string;
  code?: string;
  target?: string;
  workflow?: string;
}

function failedEvent(f: Failure) {
  return {
    id: `${f.id}-f`,
    transactionId: f.id,
    workflow: f.workflow ?? "invoice_posting",
    stage: "failed",
    layer: "target_api",
    site: f.site,
    source: "wms-east",
    target: f.target ?? "erp-cloud",
    businessKey: f.id,
    occurredAt: new Date(f.at).toISOString(),
    ...(f.amount !== undefined ? { value: { amount: f.amount, currency: f.currency ?? "USD" } } : {}),
    error: { code: f.code ?? "PERIOD_CLOSED", message: `Posting period closed for ${f.id}`, retryable: false },
  };
}

async function fail(...failures: Failure[]): Promise<void> {
  expect((await ingest(key, { events: failures.map(failedEvent) })).body).toMatchObject({ rejected: 0 });
}
async function succeed(id: string, at: number): Promise<void> {
  const e = {
    id: `${id}-ok`,
    transactionId: id,
    workflow: "invoice_posting",
    stage: "acknowledged",
    layer: "target_api",
    source: "wms-east",
    target: "erp-cloud",
    occurredAt: new Date(at).toISOString(),
  };
  expect((await ingest(key, { events: [e] })).body).toMatchObject({ rejected: 0 });
}
const txId = async (externalId: string) =>
  (await db.pool.query<{ id: string }>("SELECT id FROM transactions WHERE external_id = $1", [externalId])).rows[0]!.id;
const issueOf = async (code: string) => {
  const list = await listFailureIssues(db.pool);
  const issue = list.find((i) => i.errorCode === code);
  expect(issue, `an issue for ${code}`).toBeDefined();
  return issue!;
};
const historyKinds = async (id: number) => (await getFailureIssue(db.pool, id))!.history.map((h) => h.kind);

describe("failure issues", () => {
  const t0 = Date.now() - 5 * HOUR;

  it("failures of two sites with one signature are one issue: count, value per currency, sites, first/last seen", async () => {
    await fail(
      { id: "INV-A1", site: "east", at: t0, amount: 100, currency: "USD" },
      { id: "INV-A2", site: "south", at: t0 + HOUR, amount: 250.5, currency: "USD" },
      { id: "INV-A3", site: "south", at: t0 + 2 * HOUR, amount: 70, currency: "EUR" },
      { id: "INV-A4", site: "east", at: t0 + 3 * HOUR }, // no value
    );
    expect(await syncFailureIssues(db.pool)).toMatchObject({ opened: 1 });
    const issue = await issueOf("PERIOD_CLOSED");
    expect(issue).toMatchObject({
      state: "open",
      owner: null,
      open: 4,
      value: [
        { currency: "EUR", amount: "70.0000" },
        { currency: "USD", amount: "350.5000" },
      ],
      sites: ["east", "south"],
      workflows: ["invoice_posting"],
      layer: "target_api",
      targetSystem: "erp-cloud",
    });
    expect(issue.firstSeen.getTime()).toBe(t0);
    expect(issue.lastSeen.getTime()).toBe(t0 + 3 * HOUR);
    expect(await historyKinds(issue.id)).toEqual(["opened"]);
    // A second sync with nothing new opens nothing and writes no history.
    expect(await syncFailureIssues(db.pool)).toMatchObject({ opened: 0, reopened: 0, autoResolved: 0 });
    expect(await historyKinds(issue.id)).toEqual(["opened"]);
  });

  it("a different signature (other error, or other target) is another issue", async () => {
    await fail(
      { id: "INV-B1", site: "east", at: t0, code: "CREDIT_HOLD" },
      { id: "INV-B2", site: "east", at: t0, target: "erp-legacy" },
    );
    expect(await syncFailureIssues(db.pool)).toMatchObject({ opened: 2 });
    const list = await listFailureIssues(db.pool);
    expect(list.map((i) => `${i.errorCode}@${i.targetSystem}:${i.open}`).sort()).toEqual([
      "CREDIT_HOLD@erp-cloud:1",
      "PERIOD_CLOSED@erp-cloud:4",
      "PERIOD_CLOSED@erp-legacy:1",
    ]);
  });

  it("a site-scoped warehouse manager sees the figures of their sites only, and not issues of other sites", async () => {
    const east = roleUserActor(users, "warehouse_manager_east");
    const list = await listFailureIssues(db.pool, {}, east.scope);
    const periodClosed = list.find((i) => i.errorCode === "PERIOD_CLOSED" && i.targetSystem === "erp-cloud")!;
    expect(periodClosed).toMatchObject({ open: 2, value: [{ currency: "USD", amount: "100.0000" }], sites: ["east"] });
    await fail({ id: "INV-S1", site: "south", at: t0, code: "SOUTH_ONLY" });
    await syncFailureIssues(db.pool);
    const southOnly = (await listFailureIssues(db.pool)).find((i) => i.errorCode === "SOUTH_ONLY")!;
    expect((await listFailureIssues(db.pool, {}, east.scope)).some((i) => i.errorCode === "SOUTH_ONLY")).toBe(false);
    expect(await getFailureIssue(db.pool, southOnly.id, east.scope)).toBeNull();
    await expect(acknowledgeIssue(db.pool, east, { issueId: southOnly.id })).rejects.toMatchObject({ status: 404 });
    // Their own sites' issue they may acknowledge: warehouse managers have issues:manage.
    await acknowledgeIssue(db.pool, east, { issueId: periodClosed.id });
    expect((await getFailureIssue(db.pool, periodClosed.id))!).toMatchObject({
      state: "acknowledged",
      owner: { id: users.warehouse_manager_east },
    });
  });

  it("acknowledge with an owner, hand over, resolve with a note; each writes history and an audit row", async () => {
    const issue = (await listFailureIssues(db.pool)).find((i) => i.errorCode === "CREDIT_HOLD")!;
    expect(await acknowledgeIssue(db.pool, engineer, { issueId: issue.id })).toEqual({
      state: "acknowledged",
      ownerId: users.engineer,
    });
    await expect(acknowledgeIssue(db.pool, engineer, { issueId: issue.id })).rejects.toMatchObject({ status: 409 });
    // Handed to the admin; not to a finance user, who may not manage issues.
    await expect(
      acknowledgeIssue(db.pool, engineer, { issueId: issue.id, ownerId: users.finance }),
    ).rejects.toMatchObject({ status: 400 });
    await acknowledgeIssue(db.pool, engineer, { issueId: issue.id, ownerId: users.admin });
    expect(
      await resolveIssue(db.pool, engineer, { issueId: issue.id, note: "credit limit raised for the customer" }),
    ).toEqual({ state: "resolved" });
    await expect(resolveIssue(db.pool, engineer, { issueId: issue.id, note: "again" })).rejects.toMatchObject({
      status: 409,
    });

    const detail = (await getFailureIssue(db.pool, issue.id))!;
    expect(detail).toMatchObject({
      state: "resolved",
      owner: { id: users.admin },
      resolvedBy: "engineer@example.com",
      resolveNote: "credit limit raised for the customer",
    });
    expect(detail.history.map((h) => [h.kind, h.actor, h.owner, h.note])).toEqual([
      ["opened", null, null, "First failure with this signature."],
      ["acknowledged", "engineer@example.com", "engineer@example.com", null],
      ["owner_changed", "engineer@example.com", "admin@example.com", null],
      ["resolved", "engineer@example.com", null, "credit limit raised for the customer"],
    ]);
    const audit = await db.pool.query(
      "SELECT action, after FROM audit_log WHERE target_type = 'failure_issue' AND target_id = $1 ORDER BY id",
      [String(issue.id)],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["issue.acknowledge", "issue.assign", "issue.resolve"]);
    expect(audit.rows[2].after).toEqual({ state: "resolved", note: "credit limit raised for the customer" });
    // The failure that was open when it was resolved does not reopen it.
    expect(await syncFailureIssues(db.pool)).toMatchObject({ reopened: 0 });
    expect((await getFailureIssue(db.pool, issue.id))!.state).toBe("resolved");
  });

  it("a new failure after the resolution reopens it, with a history row saying when", async () => {
    const issue = (await listFailureIssues(db.pool)).find((i) => i.errorCode === "CREDIT_HOLD")!;
    const before = Date.now();
    await fail({ id: "INV-B3", site: "central", at: Date.now() - 60_000, code: "CREDIT_HOLD" });
    expect(await syncFailureIssues(db.pool)).toMatchObject({ reopened: 1 });
    const detail = (await getFailureIssue(db.pool, issue.id))!;
    expect(detail).toMatchObject({
      state: "reopened",
      owner: { id: users.admin },
      open: 2,
      sitesEverSeen: ["central", "east"],
    });
    const reopened = detail.history.at(-1)!;
    expect(reopened).toMatchObject({ kind: "reopened", actor: null });
    expect(reopened.note).toMatch(/new failure arrived after it was resolved/);
    expect(reopened.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(detail.lastSeen.getTime()).toBeGreaterThan(before - 2 * 60_000);
  });

  it("resolves itself once none of its transactions is open (replayed or closed), and a hand reopen stays open until a failure comes", async () => {
    const issue = (await listFailureIssues(db.pool)).find(
      (i) => i.errorCode === "PERIOD_CLOSED" && i.targetSystem === "erp-legacy",
    )!;
    await succeed("INV-B2", Date.now());
    expect(await syncFailureIssues(db.pool)).toMatchObject({ autoResolved: 1 });
    let detail = (await getFailureIssue(db.pool, issue.id))!;
    expect(detail).toMatchObject({ state: "resolved", open: 0, resolvedBy: null });
    expect(detail.history.map((h) => h.kind)).toEqual(["opened", "auto_resolved"]);

    await reopenIssue(db.pool, engineer, { issueId: issue.id, note: "not convinced" });
    await syncFailureIssues(db.pool);
    expect((await getFailureIssue(db.pool, issue.id))!.state).toBe("reopened");

    // The other one: closed by hand, transaction by transaction.
    const other = (await listFailureIssues(db.pool)).find((i) => i.errorCode === "SOUTH_ONLY")!;
    await closeTransaction(
      db.pool,
      engineer,
      "resolved",
      closeTransactionSchema.parse({ transactionId: await txId("INV-S1"), reason: "posted by hand" }),
    );
    await syncFailureIssues(db.pool);
    detail = (await getFailureIssue(db.pool, other.id))!;
    expect(detail).toMatchObject({ state: "resolved", open: 0 });
    expect(detail.history.at(-1)).toMatchObject({ kind: "auto_resolved", actor: null });
  });

  it("the state filter lists one state", async () => {
    const resolved = await listFailureIssues(db.pool, { state: "resolved" });
    expect(resolved.map((i) => i.errorCode)).toEqual(["SOUTH_ONLY"]);
    expect((await listFailureIssues(db.pool, { state: "reopened" })).map((i) => i.errorCode).sort()).toEqual([
      "CREDIT_HOLD",
      "PERIOD_CLOSED",
    ]);
  });

  it("roles without issues:manage are refused by the services and the server actions, and nothing changes", async () => {
    const issue = (await listFailureIssues(db.pool)).find((i) => i.errorCode === "CREDIT_HOLD")!;
    for (const role of ["viewer", "finance"] as const) {
      await expect(acknowledgeIssue(db.pool, roleUserActor(users, role), { issueId: issue.id })).rejects.toMatchObject({
        status: 403,
      });
      await expect(
        resolveIssue(db.pool, roleUserActor(users, role), { issueId: issue.id, note: "x" }),
      ).rejects.toMatchObject({ status: 403 });
    }
    signInAs(users.viewer);
    expect(await resolveIssueAction({ issueId: issue.id, note: "x" })).toMatchObject({ ok: false, status: 403 });
    signInAs(null);
    expect(await acknowledgeIssueAction({ issueId: issue.id })).toMatchObject({ ok: false, status: 401 });
    expect((await getFailureIssue(db.pool, issue.id))!.state).toBe("reopened");
    // The engineer through the action: allowed, and a missing note is a 400 with the field.
    signInAs(users.engineer);
    expect(await resolveIssueAction({ issueId: issue.id, note: " " })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { note: expect.any(String) },
    });
    expect(await acknowledgeIssueAction({ issueId: issue.id })).toMatchObject({
      ok: true,
      data: { state: "acknowledged", ownerId: users.engineer },
    });
  });

  it("the JSON route: sign-in required, values hidden from viewers, a bad state is a 400", async () => {
    const url = "http://crossdock.test/api/dashboard/failures/issues";
    signInAs(null);
    expect((await getIssues(new Request(url))).status).toBe(401);
    signInAs(users.viewer);
    const viewer = await getIssues(new Request(`${url}?state=acknowledged`));
    const body = (await viewer.json()) as {
      issues: { errorCode: string; state: string; value: unknown[] }[];
      valuesVisible: boolean;
      canManage: boolean;
    };
    expect(body).toMatchObject({ valuesVisible: false, canManage: false });
    expect(body.issues.length).toBeGreaterThan(0);
    expect(body.issues.every((i) => i.state === "acknowledged" && i.value.length === 0)).toBe(true);
    expect((await getIssues(new Request(`${url}?state=closed`))).status).toBe(400);
    signInAs(users.finance);
    const finance = (await (await getIssues(new Request(`${url}?state=acknowledged`))).json()) as {
      issues: { errorCode: string; value: unknown[] }[];
    };
    expect(finance.issues.find((i) => i.errorCode === "PERIOD_CLOSED")!.value).toEqual([
      { currency: "EUR", amount: "70.0000" },
      { currency: "USD", amount: "350.5000" },
    ]);
  });
});
