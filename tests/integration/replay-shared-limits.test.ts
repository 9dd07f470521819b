import pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { replaySettings } from "@/lib/jobs/replay/replay-settings";
import { type ReplayWorker, startReplayWorker } from "@/lib/jobs/replay/start-replay-worker";
import { getBulkReplay } from "@/lib/queries/get-bulk-replay";
import { bulkFilterSchema, requestBulkReplay } from "@/lib/services/replay/bulk-replay";
import { testActor } from "../helpers/actors";
import { ingest, newApiKey } from "../helpers/api";
import { useCountingTarget } from "../helpers/counting-target";
import { allowLocalTargets } from "../helpers/local-targets";
import { insertSystem } from "../helpers/rows";
import { useTestDatabase } from "../helpers/test-database";

// Two workers, each with its own pool as if on its own host, deliver to one target at the
// same time: together they keep to the target's rate and concurrency, not twice them.
// A bulk is one job, so one worker; two bulks and one job per worker make both deliver.

allowLocalTargets();
const admin = testActor("admin");
const settings = replaySettings({
  REPLAY_WORKER_CONCURRENCY: "1",
  REPLAY_BATCH_SIZE: "10",
  REPLAY_HEARTBEAT_MS: "300",
  REPLAY_SWEEP_MS: "500",
});
const db = useTestDatabase();
const target = useCountingTarget();
const pools: pg.Pool[] = [];
const workers: ReplayWorker[] = [];

beforeAll(async () => {
  target.delayMs = 150; // slow enough that concurrency matters, fast enough that the rate binds
  await insertSystem(db.pool, {
    name: "erp-shared",
    replayEndpoint: `${target.url}/replay`,
    replayTimeoutMs: 5000,
    replayConcurrency: 4,
    replayRatePerSecond: 20,
  });
});

afterAll(async () => {
  for (const w of workers) await w.stop().catch(() => undefined);
  for (const p of pools) await p.end().catch(() => undefined);
});

async function startWorker(): Promise<ReplayWorker> {
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  pools.push(pool);
  const worker = await startReplayWorker(pool, settings);
  workers.push(worker);
  return worker;
}

// The most requests that arrived within any one second.
function maxPerSecond(arrivals: number[]): number {
  const t = [...arrivals].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

it("two workers together keep to one target's rate and concurrency", async () => {
  const key = await newApiKey(db.pool);
  const at = new Date(Date.now() - 60_000).toISOString();
  for (const workflow of ["share_a", "share_b"]) {
    const events = Array.from({ length: 30 }, (_, i) => ({
      id: `${workflow}-${i}`,
      transactionId: `${workflow}-${i}`,
      workflow,
      stage: "failed",
      layer: "target_api",
      occurredAt: at,
      target: "erp-shared",
      businessKey: `${workflow}-${i}`,
      error: { code: "X", message: "x", retryable: false },
    }));
    expect((await ingest(key, { events })).body).toMatchObject({ rejected: 0 });
  }
  const first = await startWorker();
  const second = await startWorker();
  expect((await db.pool.query("SELECT id FROM replay_workers")).rowCount).toBe(2);
  // The first worker learns of the second at its next heartbeat; until then it would take
  // the whole limit (the README's replay section says so).
  await vi.waitFor(() => expect([first.liveWorkers(), second.liveWorkers()]).toEqual([2, 2]), {
    timeout: 5_000,
    interval: 50,
  });

  const started = Date.now();
  const bulks = await Promise.all(
    ["share_a", "share_b"].map((workflow) =>
      requestBulkReplay(db, admin, { filter: bulkFilterSchema.parse({ workflow }), reason: "ERP back", force: false }),
    ),
  );
  for (const { bulkId } of bulks) {
    await vi.waitFor(async () => expect((await getBulkReplay(db.pool, bulkId))!.status).toBe("done"), {
      timeout: 20_000,
      interval: 100,
    });
  }
  expect(target.postings.size).toBe(60);
  expect([...target.postings.values()].every((n) => n === 1)).toBe(true);
  expect(maxPerSecond(target.arrivals)).toBeLessThanOrEqual(22);
  expect(target.maxInFlight).toBeLessThanOrEqual(4);
  expect(Date.now() - started).toBeGreaterThan(2500); // 60 at 20/s

  // A worker that stops says so: the other one is left registered alone.
  await first.stop();
  workers.splice(workers.indexOf(first), 1);
  expect((await db.pool.query("SELECT id FROM replay_workers")).rowCount).toBe(1);
});
