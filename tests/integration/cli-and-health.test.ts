import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { noteJobRun } from "@/lib/jobs/record-job-run";
import { findTransactions, ingest } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { useTestDatabase } from "../helpers/test-database";

const run = promisify(execFile);
const db = useTestDatabase();

function cli(script: string, args: string[]) {
  return run("node_modules/.bin/tsx", [script, ...args], { env: { ...process.env, DATABASE_URL: db.url } });
}

describe("npm run apikey:create", () => {
  it("prints a working key on its last line, bound to the system, with the scopes asked for", async () => {
    const { stdout } = await cli("scripts/apikey-create.ts", ["--system", "boomi-prod", "--scopes", "ingest,read"]);
    const key = stdout.trim().split("\n").pop()!;
    const [, prefix, secret] = key.match(/^(cdk_[0-9a-f]{10})_([\w-]{32})$/) ?? [];
    expect(prefix).toBeDefined();
    expect((await ingest(key, shipmentEvents("SHP-CLI")[0])).status).toBe(200);
    const found = await findTransactions(key, { businessKey: "SHP-CLI" });
    expect(found.body.transactions[0].sender).toBe("boomi-prod");
    const stored = await db.pool.query(`SELECT hash FROM api_keys WHERE prefix = $1`, [prefix]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].hash).not.toContain(secret);
    const audit = await db.pool.query(`SELECT action FROM audit_log WHERE action = 'api_key.create'`);
    expect(audit.rowCount).toBe(1);
  });

  it("refuses an unknown scope with a clear message", async () => {
    await expect(cli("scripts/apikey-create.ts", ["--system", "x", "--scopes", "ingest,admin"])).rejects.toMatchObject({
      stderr: expect.stringMatching(/Unknown scope\(s\): admin/),
    });
  });
});

describe("npm run user:create", () => {
  it("creates the first admin with a generated password that signs in, and audits it", async () => {
    const { stdout } = await cli("scripts/user-create.ts", ["--email", "Ops.Lead@Example.com", "--role", "admin"]);
    const password = stdout.match(/Password \(shown once\): (\S+)/)?.[1];
    expect(password).toBeDefined();
    const { verifyCredentials } = await import("@/lib/auth/verify-credentials");
    const signedIn = await verifyCredentials(db.pool, "ops.lead@example.com", password!, "127.0.0.1");
    expect(signedIn).toMatchObject({ ok: true, user: { email: "ops.lead@example.com", role: "admin" } });
    const { rows } = await db.pool.query(`SELECT password_hash FROM users WHERE email = 'ops.lead@example.com'`);
    expect(rows[0].password_hash).toMatch(/^\$2[aby]\$12\$/);
    const audit = await db.pool.query(`SELECT actor FROM audit_log WHERE action = 'user.create'`);
    expect(audit.rows[0].actor).toMatch(/^cli:/);
  });

  it("refuses a weak password and an unknown role with the field named", async () => {
    await expect(
      cli("scripts/user-create.ts", ["--email", "a@example.com", "--role", "admin", "--password", "short"]),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/password: .*12 characters/),
    });
    await expect(
      cli("scripts/user-create.ts", ["--email", "a@example.com", "--role", "superuser"]),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/role:/),
    });
  });
});

describe("GET /api/health", () => {
  it("is ok when migrations are current, and names pending ones otherwise", async () => {
    // A worker beating and folding (worker-health.test.ts covers the background work itself).
    await noteJobRun(db.pool, "heartbeat", 2000, false);
    await db.pool.query(`UPDATE rollup_state SET folded_at = now()`);
    const ok = await health();
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "ok", database: "reachable", migrations: { pending: [] } });

    const { rows } = await db.pool.query(`SELECT migration_name FROM _prisma_migrations LIMIT 1`);
    await db.pool.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1`, [
      rows[0].migration_name,
    ]);
    const pending = await health();
    expect(pending.status).toBe(503);
    expect((await pending.json()).migrations.pending).toEqual([rows[0].migration_name]);
    await db.pool.query(`UPDATE _prisma_migrations SET rolled_back_at = NULL`);
  });

  it("answers 503 with Retry-After when the database is down", async () => {
    const url = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/nowhere";
    try {
      const res = await health();
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect((await res.json()).database).toBe("unreachable");
    } finally {
      process.env.DATABASE_URL = url;
    }
  });
});
