import { beforeAll, describe, expect, it } from "vitest";
import { bulkFilterSchema, estimateBulkReplay } from "@/lib/services/replay/bulk-replay";
import { checkRecordsAhead } from "@/lib/services/replay/check-records-ahead";
import { testActor } from "../helpers/actors";
import { ingest, newApiKey } from "../helpers/api";
import { useCountingTarget } from "../helpers/counting-target";
import { allowLocalTargets } from "../helpers/local-targets";
import { insertSystem } from "../helpers/rows";
import { setTestSecretKey } from "../helpers/secret-key";
import { useTestDatabase } from "../helpers/test-database";

// The bulk estimate asks the target's record check, as delivery does, so "already posted"
// ones are counted out of the total, the value and the target's time beforehand.

allowLocalTargets();
setTestSecretKey();
const engineer = testActor("engineer");

const db = useTestDatabase();
let key: string;
const target = useCountingTarget();

beforeAll(async () => {
  key = await newApiKey(db.pool);
  await insertSystem(db.pool, {
    name: "erp-est",
    replayEndpoint: `${target.url}/replay`,
    replayAuthHeader: "Bearer t0ken",
    replayTimeoutMs: 2000,
    recordCheckUrl: `${target.url}/records/{workflow}/{businessKey}`,
    replayConcurrency: 10,
    replayRatePerSecond: 2,
  });
});

// Ten failed transactions bound for erp-est: n-0..n-8 worth (i+1)*10 USD, n-9 worth 100 EUR.
async function tenFailed(workflow: string): Promise<string[]> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const events = Array.from({ length: 10 }, (_, i) => ({
    id: `${workflow}-${i}`,
    transactionId: `${workflow}-${i}`,
    workflow,
    stage: "failed",
    layer: "target_api",
    occurredAt: at,
    target: "erp-est",
    businessKey: `${workflow}-${i}`,
    payload: { i },
    value: i < 9 ? { amount: String((i + 1) * 10), currency: "USD" } : { amount: "100", currency: "EUR" },
    error: { code: "CUSTOMER_MASTER_INVALID", message: "bad customer", retryable: false },
  }));
  expect((await ingest(key, { events })).body).toMatchObject({ rejected: 0 });
  const { rows } = await db.pool.query<{ id: string }>(
    "SELECT id FROM transactions WHERE external_id LIKE $1 ORDER BY external_id",
    [`${workflow}-%`],
  );
  return rows.map((r) => r.id);
}

const estimate = (workflow: string) =>
  estimateBulkReplay(db, engineer, { filter: bulkFilterSchema.parse({ workflow }), force: false });

describe("bulk replay estimate with the target's record check", () => {
  it("counts what the ERP already holds out of the total, the value and the target's time", async () => {
    await tenFailed("est_posted");
    for (const i of [0, 1, 2]) target.records.add(`est_posted/est_posted-${i}`);
    const e = await estimate("est_posted");
    expect(e).toMatchObject({ total: 10, toReplay: 7, alreadyPosted: 3, unchecked: 0, skipped: 0, noEndpoint: 0 });
    // 10+20+30 USD already posted are not in the value; EUR stays apart.
    expect(e.values).toEqual(
      expect.arrayContaining([
        { currency: "USD", amount: "390.00" },
        { currency: "EUR", amount: "100.00" },
      ]),
    );
    expect(e.values).toHaveLength(2);
    expect(e.targets).toEqual([{ system: "erp-est", count: 7, ratePerSecond: 2, seconds: 4 }]);
    expect(target.requests.size).toBe(0); // an estimate sends nothing
  });

  it("a record check that times out counts as unchecked and stays in the replay", async () => {
    await tenFailed("est_slow");
    for (const i of [0, 1, 2]) target.records.add(`est_slow/est_slow-${i}`);
    await db.pool.query("UPDATE systems SET replay_timeout_ms = 200 WHERE name = 'erp-est'");
    target.delayMs = 1000;
    try {
      const e = await estimate("est_slow");
      expect(e).toMatchObject({ total: 10, toReplay: 10, alreadyPosted: 0, unchecked: 10 });
      expect(e.values).toEqual(
        expect.arrayContaining([
          { currency: "USD", amount: "450.00" },
          { currency: "EUR", amount: "100.00" },
        ]),
      );
    } finally {
      target.delayMs = 0;
      await db.pool.query("UPDATE systems SET replay_timeout_ms = 2000 WHERE name = 'erp-est'");
    }
  });

  it("asks only up to the cap; the rest are unchecked", async () => {
    const ids = await tenFailed("est_cap");
    for (let i = 0; i < 10; i += 1) target.records.add(`est_cap/est_cap-${i}`);
    const ahead = await checkRecordsAhead(db.pool, ids, ["failed", "dead_lettered"], {
      max: 4,
      concurrency: 8,
      budgetMs: 10_000,
    });
    expect(ahead.postedIds).toHaveLength(4);
    expect(ahead.unchecked).toBe(6);
  });
});
