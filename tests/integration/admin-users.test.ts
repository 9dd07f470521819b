import { beforeEach, describe, expect, it, vi } from "vitest";
import { createUserAction, updateUserAction } from "@/app/admin/users/actions";
import { requireActor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/passwords";
import { ROLES } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/queries/list-users";
import { okData } from "../helpers/action-result";
import { signInAs, useRoleUsers } from "../helpers/session";
import { useTestDatabase } from "../helpers/test-database";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const db = useTestDatabase();
const { ids: userIds, signIn: signInAsRole } = useRoleUsers(db);
const STRONG = "correct horse battery staple";

beforeEach(() => signInAsRole("admin"));

async function userRow(id: number) {
  const { rows } = await db.pool.query(
    `SELECT email, name, role, sites, password_hash, disabled_at FROM users WHERE id = $1`,
    [id],
  );
  return rows[0];
}
async function auditRows(action: string, targetId: number) {
  const { rows } = await db.pool.query(
    `SELECT actor, before, after FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY id`,
    [action, String(targetId)],
  );
  return rows;
}
const createOk = async (input: Parameters<typeof createUserAction>[0]) => okData(await createUserAction(input));

describe("creating users", () => {
  it("stores a normalised email, a bcrypt hash (never the password) and audits without it", async () => {
    const { id, email } = await createOk({
      email: "  Ana.Lopez@Example.com ",
      name: "Ana López",
      role: "warehouse_manager",
      sites: ["south", "east", "east"],
      password: STRONG,
    });
    expect(email).toBe("ana.lopez@example.com");
    const row = await userRow(id);
    expect(row).toMatchObject({
      email: "ana.lopez@example.com",
      name: "Ana López",
      role: "warehouse_manager",
      sites: ["east", "south"],
      disabled_at: null,
    });
    expect(row.password_hash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyPassword(STRONG, row.password_hash)).toBe(true);

    const audit = await auditRows("user.create", id);
    expect(audit).toEqual([
      {
        actor: "admin@example.com",
        before: null,
        after: {
          email: "ana.lopez@example.com",
          name: "Ana López",
          role: "warehouse_manager",
          sites: ["east", "south"],
          disabled: false,
        },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(row.password_hash);
    expect(JSON.stringify(audit)).not.toContain(STRONG);

    const listed = (await listUsers(db.prisma)).find((u) => u.id === id);
    expect(listed).toMatchObject({
      email: "ana.lopez@example.com",
      role: "warehouse_manager",
      sites: ["east", "south"],
      disabledAt: null,
      hasPassword: true,
    });
    expect(JSON.stringify(listed)).not.toContain("$2");
  });

  it("refuses a weak password with a field error, and creates nothing", async () => {
    const res = await createUserAction({ email: "weak@example.com", role: "viewer", sites: [], password: "short" });
    expect(res).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { password: expect.stringContaining("12 characters") },
    });
    expect((await db.pool.query(`SELECT 1 FROM users WHERE email = 'weak@example.com'`)).rowCount).toBe(0);
  });

  it("refuses an invalid email or role with field errors", async () => {
    expect(
      await createUserAction({ email: "not-an-email", role: "viewer", sites: [], password: STRONG }),
    ).toMatchObject({ ok: false, status: 400, fieldErrors: { email: expect.any(String) } });
    expect(
      await createUserAction({ email: "r@example.com", role: "root" as never, sites: [], password: STRONG }),
    ).toMatchObject({ ok: false, status: 400, fieldErrors: { role: expect.any(String) } });
  });

  it("answers 409 for an email that exists, whatever its case", async () => {
    await createOk({ email: "dup@example.com", role: "viewer", sites: [], password: STRONG });
    const res = await createUserAction({ email: "DUP@example.com", role: "finance", sites: [], password: STRONG });
    expect(res).toMatchObject({ ok: false, status: 409 });
    expect((await db.pool.query(`SELECT role FROM users WHERE email = 'dup@example.com'`)).rows).toEqual([
      { role: "viewer" },
    ]);
  });
});

describe("updating users", () => {
  it("changes role and sites, auditing only the changed fields before and after", async () => {
    const { id } = await createOk({ email: "ben@example.com", role: "viewer", sites: ["east"], password: STRONG });
    const res = await updateUserAction({ id, role: "finance", sites: ["central"], disabled: false });
    expect(res).toEqual({ ok: true, data: { id, changed: ["role", "sites"] } });
    expect(await userRow(id)).toMatchObject({ role: "finance", sites: ["central"], disabled_at: null });
    expect(await auditRows("user.update", id)).toEqual([
      {
        actor: "admin@example.com",
        before: { email: "ben@example.com", role: "viewer", sites: ["east"] },
        after: { email: "ben@example.com", role: "finance", sites: ["central"] },
      },
    ]);
  });

  it("disables a user, who is refused at once, and enables them again", async () => {
    const { id } = await createOk({ email: "cleo@example.com", role: "engineer", sites: [], password: STRONG });
    signInAs(id);
    await expect(requireActor("transactions:read")).resolves.toMatchObject({ email: "cleo@example.com" });

    signInAsRole("admin");
    expect(await updateUserAction({ id, disabled: true })).toMatchObject({ ok: true, data: { changed: ["disabled"] } });
    expect((await userRow(id)).disabled_at).toBeInstanceOf(Date);
    signInAs(id);
    await expect(requireActor("transactions:read")).rejects.toMatchObject({ status: 401 });

    signInAsRole("admin");
    expect(await updateUserAction({ id, disabled: false })).toMatchObject({
      ok: true,
      data: { changed: ["disabled"] },
    });
    expect((await userRow(id)).disabled_at).toBeNull();
    const audit = await auditRows("user.update", id);
    expect(audit.map((a) => [a.before.disabled, a.after.disabled])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it("sets a new password, auditing that it changed but never the hash", async () => {
    const { id } = await createOk({ email: "dora@example.com", role: "viewer", sites: [], password: STRONG });
    const oldHash = (await userRow(id)).password_hash;
    expect(await updateUserAction({ id, password: "short" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { password: expect.any(String) },
    });
    expect((await userRow(id)).password_hash).toBe(oldHash);

    expect(await updateUserAction({ id, password: "a much longer new passphrase" })).toMatchObject({
      ok: true,
      data: { changed: ["password"] },
    });
    const newHash = (await userRow(id)).password_hash;
    expect(await verifyPassword("a much longer new passphrase", newHash)).toBe(true);
    const audit = await auditRows("user.update", id);
    expect(audit).toEqual([
      {
        actor: "admin@example.com",
        before: { email: "dora@example.com" },
        after: { email: "dora@example.com", passwordChanged: true },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(newHash);
    expect(JSON.stringify(audit)).not.toContain(oldHash);
  });

  it("writes no audit row when nothing changes, and an empty password keeps the current one", async () => {
    const { id } = await createOk({ email: "eve@example.com", role: "viewer", sites: ["east"], password: STRONG });
    const hash = (await userRow(id)).password_hash;
    expect(await updateUserAction({ id, role: "viewer", sites: ["east"], disabled: false, password: "" })).toEqual({
      ok: true,
      data: { id, changed: [] },
    });
    expect(await auditRows("user.update", id)).toEqual([]);
    expect((await userRow(id)).password_hash).toBe(hash);
  });

  it("does not let an admin disable or demote themself, but another admin may", async () => {
    const me = userIds.admin;
    expect(await updateUserAction({ id: me, disabled: true })).toMatchObject({ ok: false, status: 400 });
    expect(await updateUserAction({ id: me, role: "engineer" })).toMatchObject({ ok: false, status: 400 });
    expect(await userRow(me)).toMatchObject({ role: "admin", disabled_at: null });
    expect(await auditRows("user.update", me)).toEqual([]);

    const other = await createOk({ email: "second.admin@example.com", role: "admin", sites: [], password: STRONG });
    signInAs(other.id);
    expect(await updateUserAction({ id: me, role: "engineer" })).toMatchObject({ ok: true });
    expect(await updateUserAction({ id: me, role: "admin" })).toMatchObject({ ok: true });
    expect((await auditRows("user.update", me)).map((a) => a.actor)).toEqual([
      "second.admin@example.com",
      "second.admin@example.com",
    ]);
  });

  it("answers 404 for an unknown user", async () => {
    expect(await updateUserAction({ id: 999_999, role: "viewer" })).toMatchObject({ ok: false, status: 404 });
  });

  it("refuses every other role with 403 and a signed-out caller with 401, changing nothing", async () => {
    const target = userIds.viewer;
    const before = await userRow(target);
    const auditCount = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n;
    const userCount = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM users`)).rows[0].n;
    const [auditBefore, usersBefore] = [await auditCount(), await userCount()];
    for (const role of ROLES.filter((r) => r !== "admin")) {
      signInAsRole(role);
      expect(
        await createUserAction({ email: `new-${role}@example.com`, role: "admin", sites: [], password: STRONG }),
      ).toMatchObject({ ok: false, status: 403 });
      expect(await updateUserAction({ id: userIds[role], role: "admin" })).toMatchObject({ ok: false, status: 403 });
      expect(await updateUserAction({ id: target, disabled: true })).toMatchObject({ ok: false, status: 403 });
    }
    signInAsRole(null);
    expect(
      await createUserAction({ email: "anon@example.com", role: "admin", sites: [], password: STRONG }),
    ).toMatchObject({ ok: false, status: 401 });
    expect(await updateUserAction({ id: target, role: "admin" })).toMatchObject({ ok: false, status: 401 });

    expect(await userRow(target)).toEqual(before);
    expect(await auditCount()).toBe(auditBefore);
    expect(await userCount()).toBe(usersBefore);
    for (const role of ROLES) expect((await userRow(userIds[role])).role).toBe(role);
  });
});
