import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addRedactionRuleAction, removeRedactionRuleAction } from "@/app/admin/redaction/actions";
import { ROLES } from "@/lib/auth/permissions";
import { REDACTED } from "@/lib/domain/redact";
import { listRedactionRules } from "@/lib/queries/list-redaction-rules";
import { ingest, newApiKey } from "../helpers/api";
import { useRoleUsers } from "../helpers/session";
import { useTestDatabase } from "../helpers/test-database";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const db = useTestDatabase();
let key: string;
const { signIn: signInAsRole } = useRoleUsers(db);

beforeAll(async () => {
  key = await newApiKey(db.pool);
});
beforeEach(() => signInAsRole("admin"));

let seq = 0;
// Ingests one event with this payload and returns the payload as stored.
async function storedPayload(payload: unknown): Promise<unknown> {
  const id = `RED-${++seq}`;
  const res = await ingest(key, {
    id,
    transactionId: `TX-${id}`,
    workflow: "order_release",
    stage: "received",
    layer: "source_api",
    occurredAt: "2026-11-02T09:00:00Z",
    payload,
  });
  expect(res.status).toBe(200);
  const { rows } = await db.pool.query(
    `SELECT p.payload FROM event_payloads p JOIN events e ON e.id = p.event_id WHERE e.event_id = $1`,
    [id],
  );
  return rows[0].payload;
}

describe("redaction rules through the admin actions", () => {
  it("masks a newly added path at the very next ingest, and stops when it is removed", async () => {
    // Warm the ingest cache first: the change must apply anyway.
    expect(await storedPayload({ order: { notes: "call Ana on 555-0101" } })).toEqual({
      order: { notes: "call Ana on 555-0101" },
    });

    const added = await addRedactionRuleAction({ path: " order.notes " });
    if (!added.ok) throw new Error(added.message);
    expect(added.data.path).toBe("order.notes");
    expect((await listRedactionRules(db.prisma)).find((r) => r.id === added.data.id)).toMatchObject({
      path: "order.notes",
      createdBy: "admin@example.com",
    });
    expect(await storedPayload({ order: { notes: "gate code 1234", id: "SO-1" } })).toEqual({
      order: { notes: REDACTED, id: "SO-1" },
    });

    const removed = await removeRedactionRuleAction({ id: added.data.id });
    expect(removed).toEqual({ ok: true, data: { id: added.data.id, path: "order.notes" } });
    expect((await listRedactionRules(db.prisma)).some((r) => r.path === "order.notes")).toBe(false);
    expect(await storedPayload({ order: { notes: "visible again" } })).toEqual({ order: { notes: "visible again" } });

    const { rows } = await db.pool.query(
      `SELECT actor, action, before, after FROM audit_log WHERE target_type = 'redaction_rule' AND target_id = $1 ORDER BY id`,
      [String(added.data.id)],
    );
    expect(rows).toEqual([
      { actor: "admin@example.com", action: "redaction_rule.add", before: null, after: { path: "order.notes" } },
      {
        actor: "admin@example.com",
        action: "redaction_rule.remove",
        before: { path: "order.notes", createdBy: "admin@example.com", createdAt: expect.any(String) },
        after: null,
      },
    ]);
    expect(await removeRedactionRuleAction({ id: added.data.id })).toMatchObject({ ok: false, status: 404 });
  });

  it("accepts wildcards and lists the default rules", async () => {
    const res = await addRedactionRuleAction({ path: "payment.*" });
    expect(res).toMatchObject({ ok: true, data: { path: "payment.*" } });
    expect(await storedPayload({ payment: { method: "card", token: "tok_1" }, total: 10 })).toEqual({
      payment: { method: REDACTED, token: REDACTED },
      total: 10,
    });
    expect((await listRedactionRules(db.prisma)).map((r) => r.path)).toEqual(
      expect.arrayContaining(["customer.email", "payment.card", "payment.*"]),
    );
  });

  it("answers 409 for a path already masked", async () => {
    expect(await addRedactionRuleAction({ path: "customer.email" })).toMatchObject({ ok: false, status: 409 });
    expect(
      (await db.pool.query(`SELECT count(*)::int AS n FROM redaction_rules WHERE path = 'customer.email'`)).rows[0].n,
    ).toBe(1);
  });

  it.each([
    "",
    "customer..email",
    ".customer",
    "customer.",
    "customer email",
    "customer.e-mail!",
    "$.customer",
    "a".repeat(201),
    "customer[0].email",
  ])("refuses the invalid path %j with a field error", async (path) => {
    const count = (await db.pool.query(`SELECT count(*)::int AS n FROM redaction_rules`)).rows[0].n;
    expect(await addRedactionRuleAction({ path })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { path: expect.any(String) },
    });
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM redaction_rules`)).rows[0].n).toBe(count);
  });

  it("accepts a path of exactly 200 characters", async () => {
    const path = `x.${"a".repeat(198)}`;
    expect(await addRedactionRuleAction({ path })).toMatchObject({ ok: true, data: { path } });
  });

  it("refuses every other role with 403 and a signed-out caller with 401, changing nothing", async () => {
    const rule = (await listRedactionRules(db.prisma)).find((r) => r.path === "customer.email")!;
    const snapshot = async () => (await db.pool.query(`SELECT path FROM redaction_rules ORDER BY path`)).rows;
    const before = await snapshot();
    for (const role of [...ROLES.filter((r) => r !== "admin"), null]) {
      signInAsRole(role);
      const status = role === null ? 401 : 403;
      expect(await addRedactionRuleAction({ path: "order.secret" })).toMatchObject({ ok: false, status });
      expect(await removeRedactionRuleAction({ id: rule.id })).toMatchObject({ ok: false, status });
    }
    expect(await snapshot()).toEqual(before);
  });
});
