import { beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT } from "@/lib/auth/sign-in-limits";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { insertUser } from "../helpers/rows";
import { useTestDatabase } from "../helpers/test-database";

const db = useTestDatabase();
beforeAll(async () => {
  await insertUser(db.pool, { email: "ann@example.com", role: "finance", password: "correct horse battery" });
});

describe("sign-in with email and password", () => {
  it("accepts the right password (email in any case) and refuses a wrong one, auditing the failure", async () => {
    expect(await verifyCredentials(db.pool, " Ann@Example.com ", "correct horse battery", "10.0.0.1")).toMatchObject({
      ok: true,
      user: { role: "finance" },
    });
    expect(await verifyCredentials(db.pool, "ann@example.com", "wrong", "10.0.0.1")).toEqual({
      ok: false,
      message: "The email or password is not correct.",
    });
    const { rows } = await db.pool.query(`SELECT actor, ip, after FROM audit_log WHERE action = 'auth.signin_failed'`);
    expect(rows).toEqual([{ actor: "ann@example.com", ip: "10.0.0.1", after: { reason: "wrong password" } }]);
  });

  it("answers an unknown account exactly like a wrong password", async () => {
    expect(await verifyCredentials(db.pool, "nobody@example.com", "whatever", "10.0.0.2")).toEqual({
      ok: false,
      message: "The email or password is not correct.",
    });
  });

  it("blocks an account after repeated failures, even with the right password, and says for how long", async () => {
    await insertUser(db.pool, { email: "bob@example.com", role: "viewer", password: "bob's real password" });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++)
      await verifyCredentials(db.pool, "bob@example.com", `guess-${i}`, `10.1.0.${i}`);
    const blocked = await verifyCredentials(db.pool, "bob@example.com", "bob's real password", "10.2.0.1");
    expect(blocked).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Too many failed sign-ins for this account\. Try again in 1[45] minutes\.$/),
    });
    // Other accounts are not affected.
    expect((await verifyCredentials(db.pool, "ann@example.com", "correct horse battery", "10.2.0.1")).ok).toBe(true);
  });

  it("refuses a disabled account", async () => {
    await db.pool.query(`UPDATE users SET disabled_at = now() WHERE email = 'ann@example.com'`);
    expect(await verifyCredentials(db.pool, "ann@example.com", "correct horse battery", "10.0.0.9")).toEqual({
      ok: false,
      message: "This account is disabled.",
    });
  });
});
