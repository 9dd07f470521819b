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

// The worker as its own process (npm run worker), killed with SIGKILL mid-bulk and
// started again: the bulk finishes and no transaction is posted twice.

allowLocalTargets();
const admin = testActor("admin");
const db = useTestDatabase();
const target = useCountingTarget();
const children: ChildProcess[] = [];

beforeAll(async () => {
  target.delayMs = 10;
  await insertSystem(db.pool, {
    name: "erp-restart",
    replayEndpoint: `${target.url}/replay`,
    replayTimeoutMs: 2000,
    replayConcurrency: 4,
    replayRatePerSecond: 200,
  });
});

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      REPLAY_LEASE_GRACE_MS: "500",
      REPLAY_SWEEP_MS: "300",
      REPLAY_BATCH_SIZE: "20",
    },
  });
  children.push(child);
  return child;
}

it("a worker killed mid-bulk and restarted finishes the bulk with no duplicate posting", async () => {
  const key = await newApiKey(db.pool);
  const at = new Date(Date.now() - 60_000).toISOString();
  const events = Array.from({ length: 400 }, (_, i) => ({
    id: `RS-${i}`,
    transactionId: `RS-${i}`,
    workflow: "restart_test",
    stage: "failed",
    layer: "target_api",
    occurredAt: at,
    target: "erp-restart",
    businessKey: `RS-${i}`,
    error: { code: "X", message: "x", retryable: false },
  }));
  expect((await ingest(key, { events })).body).toMatchObject({ rejected: 0 });
  const { bulkId } = await requestBulkReplay(db, admin, {
    filter: bulkFilterSchema.parse({ workflow: "restart_test" }),
    reason: "restart drill",
    force: false,
  });

  const first = startWorker();
  await vi.waitFor(() => expect(target.postings.size).toBeGreaterThan(60), { timeout: 60_000, interval: 20 });
  first.kill("SIGKILL");
  const postedBeforeKill = target.postings.size;
  expect(postedBeforeKill).toBeLessThan(400);

  startWorker();
  await vi.waitFor(async () => expect((await getBulkReplay(db.pool, bulkId))!.status).toBe("done"), {
    timeout: 90_000,
    interval: 200,
  });
  // Items the killed worker had sent but not yet recorded are sent again with the same
  // Idempotency-Key; the target answers "duplicate", so they end as already posted.
  const counts = (await getBulkReplay(db.pool, bulkId))!.counts;
  expect(Object.keys(counts).filter((s) => s !== "accepted" && s !== "already_posted")).toEqual([]);
  expect((counts.accepted ?? 0) + (counts.already_posted ?? 0)).toBe(400);
  expect(target.postings.size).toBe(400);
  expect([...target.postings.values()].every((n) => n === 1)).toBe(true);
}, 150_000);
