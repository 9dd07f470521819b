import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { getBulkReplay } from "@/lib/queries/get-bulk-replay";
import { bulkFilterSchema, requestBulkReplay } from "@/lib/services/replay/bulk-replay";
import { testActor } from "../helpers/actors";
import { ingest, newApiKey } from "../helpers/api";
import { useCountingTarget } from "../helpers/counting-target";
import { allowLocalTargets } from "../helpers/local-targets";
import { insertSystem } from "../helpers/rows";
import { useTestDatabase } from "../helpers/test-database";

// The worker as its own process (npm run worker) told to stop with SIGTERM mid-bulk, as a
// deploy or `docker compose stop` does: it exits by itself, every replay it sent is recorded,
// the ones it leased but had not sent are handed back (not left leased until the lease runs
// out), and another worker finishes the bulk at once, posting nothing twice.

allowLocalTargets();
const admin = testActor("admin");
const db = useTestDatabase();
const target = useCountingTarget();
const children: ChildProcess[] = [];
const TOTAL = 300;

beforeAll(async () => {
  target.delayMs = 100;
  // Slow enough that each lane's batch is still waiting for its turn when SIGTERM comes.
  await insertSystem(db.pool, {
    name: "erp-sigterm",
    replayEndpoint: `${target.url}/replay`,
    replayTimeoutMs: 2000,
    replayConcurrency: 2,
    replayRatePerSecond: 40,
  });
});

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
});

// The default lease grace (60 s): without the hand-back, the second worker could not take
// the leased rows within this test's time.
function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    env: { ...process.env, DATABASE_URL: db.url, REPLAY_BATCH_SIZE: "20" },
  });
  children.push(child);
  return child;
}

async function statusCounts(bulkId: string): Promise<Record<string, number>> {
  const { rows } = await db.pool.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM replays WHERE bulk_id = $1 GROUP BY status`,
    [bulkId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

it("a worker stopped with SIGTERM mid-bulk records what it sent, hands back the rest, and another finishes at once", async () => {
  const key = await newApiKey(db.pool);
  const at = new Date(Date.now() - 60_000).toISOString();
  const events = Array.from({ length: TOTAL }, (_, i) => ({
    id: `ST-${i}`,
    transactionId: `ST-${i}`,
    workflow: "sigterm_test",
    stage: "failed",
    layer: "target_api",
    occurredAt: at,
    target: "erp-sigterm",
    businessKey: `ST-${i}`,
    error: { code: "X", message: "x", retryable: false },
  }));
  expect((await ingest(key, { events })).body).toMatchObject({ rejected: 0 });
  const { bulkId } = await requestBulkReplay(db, admin, {
    filter: bulkFilterSchema.parse({ workflow: "sigterm_test" }),
    reason: "sigterm drill",
    force: false,
  });

  const first = startWorker();
  await vi.waitFor(() => expect(target.postings.size).toBeGreaterThan(20), { timeout: 60_000, interval: 20 });
  const stoppedAt = Date.now();
  first.kill("SIGTERM");
  const code = await new Promise<number | null>((resolve) => first.on("exit", resolve));
  expect(code).toBe(0);
  expect(Date.now() - stoppedAt).toBeLessThan(10_000);

  // Nothing is left leased; every posting the target saw is recorded as accepted; the rest
  // is due again now, claimed, with no attempt counted for it.
  const posted = target.postings.size;
  expect(posted).toBeLessThan(TOTAL);
  const counts = await statusCounts(bulkId);
  expect(counts.delivering ?? 0).toBe(0);
  expect(counts.accepted).toBe(posted);
  expect((counts.queued ?? 0) + (counts.pending ?? 0)).toBe(TOTAL - posted);
  expect(counts.queued ?? 0).toBeGreaterThan(0);
  const { rows: handedBack } = await db.pool.query<{ attempts: number; lease_until: Date | null; due: boolean }>(
    `SELECT attempts, lease_until, next_attempt_at <= now() AS due FROM replays WHERE bulk_id = $1 AND status = 'queued'`,
    [bulkId],
  );
  expect(handedBack.every((r) => r.attempts === 0 && r.lease_until === null && r.due)).toBe(true);

  // Well within the ~64 s lease the handed-back rows would otherwise wait out.
  startWorker();
  await vi.waitFor(async () => expect((await getBulkReplay(db.pool, bulkId))!.status).toBe("done"), {
    timeout: 45_000,
    interval: 200,
  });
  expect(await statusCounts(bulkId)).toEqual({ accepted: TOTAL });
  expect(target.postings.size).toBe(TOTAL);
  expect([...target.postings.values()].every((n) => n === 1)).toBe(true);
}, 150_000);
