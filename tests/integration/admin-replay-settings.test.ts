import { beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { listSystems } from "@/lib/queries/list-systems";
import { testReplayEndpoint } from "@/lib/services/replay/test-replay-endpoint";
import { updateSystem, updateSystemSchema } from "@/lib/services/save-system";
import { testActor } from "../helpers/actors";
import { useCountingTarget } from "../helpers/counting-target";
import { allowLocalTargets } from "../helpers/local-targets";
import { insertSystem } from "../helpers/rows";
import { setTestSecretKey } from "../helpers/secret-key";
import { useTestDatabase } from "../helpers/test-database";

// The admin's replay endpoint settings: the auth header is write-only (stored encrypted,
// shown and audited only as set / replaced / not set), limits are validated, and "Test
// endpoint" reports what the endpoint answered without posting anything.

allowLocalTargets();
setTestSecretKey();
const admin = testActor("admin");

const db = useTestDatabase();
const target = useCountingTarget();
let systemId: number;

beforeAll(async () => {
  systemId = await insertSystem(db.pool, { name: "erp-settings" });
});
const update = (raw: Record<string, unknown>) =>
  updateSystem(db.pool, admin, updateSystemSchema.parse({ id: systemId, ...raw }));
const stored = async () =>
  (
    await db.pool.query<{
      replay_auth_header: string | null;
      replay_timeout_ms: number;
      record_check_url: string | null;
      replay_concurrency: number;
      replay_rate_per_second: number;
    }>(
      "SELECT replay_auth_header, replay_timeout_ms, record_check_url, replay_concurrency, replay_rate_per_second FROM systems WHERE id = $1",
      [systemId],
    )
  ).rows[0]!;
const lastAudit = async () =>
  (await db.pool.query("SELECT before, after FROM audit_log WHERE action = 'system.update' ORDER BY id DESC LIMIT 1"))
    .rows[0];

describe("replay endpoint settings", () => {
  it("stores the auth header encrypted and never shows or audits its value", async () => {
    const result = await update({
      replayEndpoint: `${target.url}/replay`,
      replayAuthHeader: "Bearer s3cret-token",
      replayTimeoutMs: "5000",
      recordCheckUrl: `${target.url}/records/{workflow}/{businessKey}`,
      replayConcurrency: 4,
      replayRatePerSecond: 50,
    });
    expect(result.changed.sort()).toEqual([
      "recordCheckUrl",
      "replayAuthHeader",
      "replayConcurrency",
      "replayEndpoint",
      "replayRatePerSecond",
      "replayTimeoutMs",
    ]);
    const row = await stored();
    expect(row.replay_auth_header).not.toContain("s3cret");
    expect(decryptSecret(row.replay_auth_header!)).toBe("Bearer s3cret-token");
    expect(row).toMatchObject({ replay_timeout_ms: 5000, replay_concurrency: 4, replay_rate_per_second: 50 });
    expect(JSON.stringify(await lastAudit())).not.toContain("s3cret");
    expect((await lastAudit()).after).toMatchObject({ replayAuthHeader: "set" });
    const listed = (await listSystems(db.prisma)).find((s) => s.id === systemId)!;
    expect(listed.replay).toEqual({
      authHeaderSet: true,
      timeoutMs: 5000,
      recordCheckUrl: `${target.url}/records/{workflow}/{businessKey}`,
      concurrency: 4,
      ratePerSecond: 50,
    });
    expect(JSON.stringify(listed)).not.toContain("s3cret");
  });

  it("an empty header field keeps the stored one; a new one replaces it; clearing removes it", async () => {
    const before = (await stored()).replay_auth_header;
    expect((await update({ replayAuthHeader: "", replayTimeoutMs: 5000 })).changed).toEqual([]);
    expect((await stored()).replay_auth_header).toBe(before);
    expect((await update({ replayAuthHeader: "Bearer rotated" })).changed).toEqual(["replayAuthHeader"]);
    expect(decryptSecret((await stored()).replay_auth_header!)).toBe("Bearer rotated");
    expect(await lastAudit()).toMatchObject({
      before: { replayAuthHeader: "set" },
      after: { replayAuthHeader: "replaced" },
    });
    await update({ clearReplayAuthHeader: true });
    expect((await stored()).replay_auth_header).toBeNull();
  });

  it("refuses limits out of range with a message for the field", () => {
    const parsed = updateSystemSchema.safeParse({
      id: systemId,
      replayConcurrency: 0,
      replayRatePerSecond: "fast",
      replayAuthHeader: "Bearer a\nX-Evil: 1",
    });
    expect(parsed.success).toBe(false);
    const fields = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(Object.keys(fields).sort()).toEqual(["replayAuthHeader", "replayConcurrency", "replayRatePerSecond"]);
  });

  it("Test endpoint: reachable, or unreachable with the reason; nothing is posted", async () => {
    const ok = await testReplayEndpoint(db.pool, systemId);
    expect(ok).toMatchObject({ ok: true, health: 200, endpoint: 405, summary: expect.stringMatching(/^Reachable/) });
    await db.pool.query("UPDATE systems SET replay_endpoint = 'http://127.0.0.1:9/replay' WHERE id = $1", [systemId]);
    const down = await testReplayEndpoint(db.pool, systemId);
    expect(down).toMatchObject({
      ok: false,
      endpoint: null,
      summary: expect.stringMatching(/Could not reach 127\.0\.0\.1:9/),
    });
    expect(target.postings.size).toBe(0);
  });
});
