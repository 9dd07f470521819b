import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { ALL_SITES } from "@/lib/auth/site-scope";
import { getBulkReplay } from "@/lib/queries/get-bulk-replay";
import { requestBulkReplay, bulkFilterSchema } from "@/lib/services/replay/bulk-replay";
import { ingest, newApiKey } from "../helpers/api";
import { startCountingTarget, type CountingTarget } from "../helpers/counting-target";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The worker as its own process (npm run worker), killed with SIGKILL mid-bulk and
// started again: the bulk finishes and no transaction is posted twice.

process.env.CROSSDOCK_ALLOWED_PRIVATE_HOSTS = "127.0.0.1"; // the local targets these tests call
const admin: Actor = { userId: 1, email: "admin@example.test", name: null, role: "admin", scope: ALL_SITES, permissions: ROLE_PERMISSIONS.admin };
let db: TestDatabase;
let target: CountingTarget;
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  target = await startCountingTarget();
  target.delayMs = 10;
  await db.pool.query(
    `INSERT INTO systems (name, kind, replay_endpoint, replay_timeout_ms, replay_concurrency, replay_rate_per_second) VALUES ('erp-restart', 'erp', $1, 2000, 4, 200)`,
    [`${target.url}/replay`],
  );
});

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await target?.close();
  await db?.drop();
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    env: { ...process.env, DATABASE_URL: db.url, REPLAY_LEASE_GRACE_MS: "500", REPLAY_SWEEP_MS: "300", REPLAY_BATCH_SIZE: "20" },
  });
  children.push(child);
  return child;
}

it("a worker killed mid-bulk and restarted finishes the bulk with no duplicate posting", async () => {
  const key = await newApiKey(db.pool);
  const at = new Date(Date.now() - 60_000).toISOString();
  const events = Array.from({ length: 400 }, (_, i) => ({
    id: `RS-${i}`, transactionId: `RS-${i}`, workflow: "restart_test", stage: "failed", layer: "target_api", occurredAt: at,
    target: "erp-restart", businessKey: `RS-${i}`, error: { code: "X", message: "x", retryable: false },
  }));
  expect((await ingest(key, { events })).body).toMatchObject({ rejected: 0 });
  const { bulkId } = await requestBulkReplay(db, admin, { filter: bulkFilterSchema.parse({ workflow: "restart_test" }), reason: "restart drill", force: false });

  const first = startWorker();
  await vi.waitFor(() => expect(target.postings.size).toBeGreaterThan(60), { timeout: 60_000, interval: 20 });
  first.kill("SIGKILL");
  const postedBeforeKill = target.postings.size;
  expect(postedBeforeKill).toBeLessThan(400);

  startWorker();
  await vi.waitFor(async () => expect((await getBulkReplay(db.pool, bulkId))!.status).toBe("done"), { timeout: 90_000, interval: 200 });
  // Items the killed worker had sent but not yet recorded are sent again with the same
  // Idempotency-Key; the target answers "duplicate", so they end as already posted.
  const counts = (await getBulkReplay(db.pool, bulkId))!.counts;
  expect(Object.keys(counts).filter((s) => s !== "accepted" && s !== "already_posted")).toEqual([]);
  expect((counts.accepted ?? 0) + (counts.already_posted ?? 0)).toBe(400);
  expect(target.postings.size).toBe(400);
  expect([...target.postings.values()].every((n) => n === 1)).toBe(true);
}, 150_000);
