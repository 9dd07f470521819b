import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/admin/api-keys/actions";
import { ROLES } from "@/lib/auth/permissions";
import { listApiKeys } from "@/lib/queries/list-api-keys";
import { ingest } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { insertUser } from "../helpers/rows";
import { signInAs, useRoleUsers } from "../helpers/session";
import { useTestDatabase } from "../helpers/test-database";

// Only the session source is replaced: everything after "who is signed in" is real.
vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const db = useTestDatabase();
const { signIn: signInAsRole } = useRoleUsers(db);

beforeEach(() => signInAsRole("admin"));

async function auditRows(action: string, targetId: string) {
  const { rows } = await db.pool.query(
    `SELECT actor, before, after FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY id`,
    [action, targetId],
  );
  return rows;
}

describe("API keys through the admin actions", () => {
  it("creates a key shown once, stores only its hash, and lists it by prefix and system", async () => {
    const res = await createApiKeyAction({ systemName: "wms-north", scopes: ["ingest"], name: "North WMS connector" });
    if (!res.ok) throw new Error(res.message);
    const { key, prefix, id } = res.data;
    expect(key.startsWith(`${prefix}_`)).toBe(true);

    const stored = await db.pool.query(`SELECT to_jsonb(k)::text AS row, hash FROM api_keys k WHERE id = $1`, [id]);
    expect(stored.rows[0].hash).toBe(createHash("sha256").update(key).digest("hex"));
    const secret = key.slice(prefix.length + 1);
    expect(stored.rows[0].row).not.toContain(secret);
    expect(JSON.stringify(await db.pool.query(`SELECT * FROM audit_log`).then((r) => r.rows))).not.toContain(secret);

    const listed = (await listApiKeys(db.prisma)).find((k) => k.id === id);
    expect(listed).toMatchObject({
      prefix,
      system: "wms-north",
      scopes: ["ingest"],
      name: "North WMS connector",
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(secret);

    expect(await auditRows("api_key.create", String(id))).toEqual([
      { actor: "admin@example.com", before: null, after: { prefix, system: "wms-north", scopes: ["ingest"] } },
    ]);
  });

  it("creates a replay and resolve key limited to sites: listed and audited with its sites", async () => {
    const res = await createApiKeyAction({
      systemName: "servicenow",
      scopes: ["replay", "resolve"],
      sites: [" east", "central", "east"],
    });
    if (!res.ok) throw new Error(res.message);
    const { id, prefix } = res.data;
    expect((await listApiKeys(db.prisma)).find((k) => k.id === id)).toMatchObject({
      scopes: ["replay", "resolve"],
      sites: ["central", "east"],
    });
    expect(await auditRows("api_key.create", String(id))).toEqual([
      {
        actor: "admin@example.com",
        before: null,
        after: { prefix, system: "servicenow", scopes: ["replay", "resolve"], sites: ["central", "east"] },
      },
    ]);
    const badSite = await createApiKeyAction({ systemName: "servicenow", scopes: ["replay"], sites: ["east,west"] });
    expect(badSite).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { "sites.0": "A site code cannot contain a comma." },
    });
  });

  it("records when a key was last used", async () => {
    const res = await createApiKeyAction({ systemName: "wms-north", scopes: ["ingest"] });
    if (!res.ok) throw new Error(res.message);
    expect((await ingest(res.data.key, { events: shipmentEvents("ADM-USED") })).status).toBe(200);
    await expect
      .poll(async () => (await listApiKeys(db.prisma)).find((k) => k.id === res.data.id)?.lastUsedAt, { timeout: 3000 })
      .not.toBeNull();
  });

  it("revokes a key so its next request gets 401, audits before/after, and is idempotent", async () => {
    const created = await createApiKeyAction({ systemName: "middleware-east", scopes: ["ingest", "read"] });
    if (!created.ok) throw new Error(created.message);
    const { key, id, prefix } = created.data;
    expect((await ingest(key, { events: shipmentEvents("ADM-REV-1") })).status).toBe(200);

    const revoked = await revokeApiKeyAction({ id });
    expect(revoked).toMatchObject({ ok: true, data: { id, prefix, alreadyRevoked: false } });
    const after = await ingest(key, { events: shipmentEvents("ADM-REV-2") });
    expect(after.status).toBe(401);

    const audit = await auditRows("api_key.revoke", String(id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: "admin@example.com",
      before: { prefix, system: "middleware-east", revokedAt: null },
      after: { prefix, system: "middleware-east", revokedAt: expect.any(String) },
    });
    expect((await listApiKeys(db.prisma)).find((k) => k.id === id)?.revokedAt).toBe(audit[0].after.revokedAt);

    const again = await revokeApiKeyAction({ id });
    expect(again).toMatchObject({ ok: true, data: { alreadyRevoked: true, revokedAt: audit[0].after.revokedAt } });
    expect(await auditRows("api_key.revoke", String(id))).toHaveLength(1);
  });

  it("answers 404 for an unknown key and 400 for invalid input", async () => {
    expect(await revokeApiKeyAction({ id: 999_999 })).toMatchObject({ ok: false, status: 404 });
    const noScope = await createApiKeyAction({ systemName: "wms-north", scopes: [] });
    expect(noScope).toMatchObject({ ok: false, status: 400, fieldErrors: { scopes: expect.any(String) } });
    const badName = await createApiKeyAction({ systemName: "wms north; drop", scopes: ["read"] });
    expect(badName).toMatchObject({ ok: false, status: 400, fieldErrors: { systemName: expect.any(String) } });
    const badScope = await createApiKeyAction({ systemName: "wms-north", scopes: ["admin" as never] });
    expect(badScope).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses every other role with 403 and a signed-out caller with 401, changing nothing", async () => {
    const created = await createApiKeyAction({ systemName: "wms-north", scopes: ["ingest"] });
    if (!created.ok) throw new Error(created.message);
    const count = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM api_keys`)).rows[0].n;
    const auditCount = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n;
    const [keysBefore, auditBefore] = [await count(), await auditCount()];

    for (const role of ROLES.filter((r) => r !== "admin")) {
      signInAsRole(role);
      expect(await createApiKeyAction({ systemName: "wms-north", scopes: ["ingest"] })).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(await revokeApiKeyAction({ id: created.data.id })).toMatchObject({ ok: false, status: 403 });
    }
    signInAsRole(null);
    expect(await createApiKeyAction({ systemName: "wms-north", scopes: ["ingest"] })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(await revokeApiKeyAction({ id: created.data.id })).toMatchObject({ ok: false, status: 401 });

    expect(await count()).toBe(keysBefore);
    expect(await auditCount()).toBe(auditBefore);
    expect((await ingest(created.data.key, { events: shipmentEvents("ADM-STILL") })).status).toBe(200);
  });

  it("treats a disabled admin as signed out", async () => {
    signInAs(await insertUser(db.pool, { email: "gone@example.com", role: "admin", disabled: true }));
    expect(await createApiKeyAction({ systemName: "wms-north", scopes: ["ingest"] })).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});
