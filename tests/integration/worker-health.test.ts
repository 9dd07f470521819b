import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as backgroundWork } from "@/app/api/background-work/route";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { GET as health } from "@/app/api/health/route";
import { ROLLUP_LOCK_ID } from "@/lib/jobs/rollups/refresh-rollups";
import type { BackgroundReport, HealthReport } from "@/lib/queries/health/get-health-report";
import { requestReplay } from "@/lib/services/replay/request-replay";
import { testActor } from "../helpers/actors";
import { ingest, newApiKey } from "../helpers/api";
import { useCountingTarget } from "../helpers/counting-target";
import { allowLocalTargets } from "../helpers/local-targets";
import { insertSystem } from "../helpers/rows";
import { useRoleUsers } from "../helpers/session";
import { useTestDatabase } from "../helpers/test-database";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));

// Health tells the truth about the background work of the whole installation (issue 17):
// real worker processes (npm run worker) on a real database, stopped with SIGKILL. Health
// and the banner read only the database, so they see a worker wherever it runs.

const STALE_MS = 2000;
allowLocalTargets();
const db = useTestDatabase();
const { signIn } = useRoleUsers(db);
const target = useCountingTarget();
const engineer = testActor("engineer");
const children: ChildProcess[] = [];
const saved = process.env.CROSSDOCK_WORKER_STALE_MS;

beforeAll(async () => {
  process.env.CROSSDOCK_WORKER_STALE_MS = String(STALE_MS);
  await insertSystem(db.pool, { name: "erp-health", replayEndpoint: `${target.url}/replay`, replayTimeoutMs: 2000 });
});

afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  if (saved === undefined) delete process.env.CROSSDOCK_WORKER_STALE_MS;
  else process.env.CROSSDOCK_WORKER_STALE_MS = saved;
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      REPLAY_HEARTBEAT_MS: "200",
      ROLLUP_REFRESH_MS: "200",
      ISSUE_SYNC_MS: "300",
      ALERT_EVALUATION_MS: "300",
    },
  });
  children.push(child);
  return child;
}

// The JSON body as the route sends it (dates as strings).
type Report = Omit<HealthReport, "background"> & { background: BackgroundReport };

async function report(): Promise<{ status: number; body: Report }> {
  const res = await health();
  return { status: res.status, body: (await res.json()) as Report };
}

async function banner(who: "engineer" | "admin" | "viewer" | "finance"): Promise<{ status: number; banner?: string }> {
  signIn(who);
  const res = await backgroundWork(new Request("http://crossdock.test/api/background-work"));
  const body = await res.json();
  return { status: res.status, banner: body.banner };
}

async function failedTransaction(id: string): Promise<string> {
  const key = await newApiKey(db.pool, `mw-${id}`);
  const event = {
    id,
    transactionId: id,
    workflow: "shipment_confirmation",
    stage: "failed",
    layer: "target_api",
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    target: "erp-health",
    businessKey: id,
    error: { code: "CUSTOMER_MASTER_INVALID", message: "bad customer", retryable: false },
  };
  expect((await ingest(key, { events: [event] })).body).toMatchObject({ rejected: 0 });
  const { rows } = await db.pool.query<{ id: string }>("SELECT id FROM transactions WHERE external_id = $1", [id]);
  return rows[0]!.id;
}

describe("health of the background work", () => {
  it("liveness answers without a database; readiness and health say no worker was ever seen", async () => {
    expect((await live()).status).toBe(200);
    // Past the test process's own start-up grace (the stale limit), a worker never seen is news.
    await vi.waitFor(async () => expect((await report()).status).toBe(503), { timeout: STALE_MS + 3000 });
    const before = await report();
    expect(before.status).toBe(503);
    expect(before.body).toMatchObject({ status: "degraded", database: "reachable", background: { state: "stopped" } });
    expect(before.body.reasons).toEqual([expect.stringMatching(/^no worker has ever been seen/)]);
    const readiness = await ready();
    expect(readiness.status).toBe(503);
    expect((await readiness.json()).reasons[0]).toMatch(/no worker has ever been seen/);
    expect((await banner("engineer")).banner).toMatch(/^No background worker has run yet: replays will wait/);
  });

  it("turns 503 with the reason within the stale limit after the last worker is killed, and 200 when one returns", async () => {
    const first = startWorker();
    await vi.waitFor(async () => expect((await report()).status).toBe(200), { timeout: 30_000, interval: 100 });
    const running = await report();
    expect(running.body.background.workers.live).toBe(1);
    expect(running.body.background.workers.heartbeatAgeMs).toBeLessThan(STALE_MS);
    expect((await banner("engineer")).banner).toBeNull();

    first.kill("SIGKILL");
    const killedAt = Date.now();
    await vi.waitFor(async () => expect((await report()).status).toBe(503), {
      timeout: STALE_MS + 3000,
      interval: 100,
    });
    // Not before the limit (the last heartbeat may be up to one beat old), and not long after it.
    expect(Date.now() - killedAt).toBeGreaterThan(STALE_MS - 300);
    const stopped = await report();
    expect(stopped.body.reasons).toEqual([expect.stringMatching(/^no worker has been seen for \d+ s \(limit 2 s\)/)]);
    expect((await ready()).status).toBe(503);

    // Replays asked for meanwhile wait, and the banner says so to engineers and admins only.
    const tx = await failedTransaction("HEALTH-1");
    await requestReplay(db.pool, engineer, { transactionId: tx, reason: null, force: false });
    await vi.waitFor(async () => expect((await report()).body.background.replays.due).toBe(1), { timeout: 5000 });
    expect((await banner("engineer")).banner).toMatch(
      /^Background work stopped \d+ s ago: 1 replay is queued, dashboards are not updating, alerts are not evaluated\.$/,
    );
    expect((await banner("admin")).banner).toMatch(/^Background work stopped/);
    expect((await banner("viewer")).status).toBe(403);
    expect((await banner("finance")).status).toBe(403);

    startWorker();
    await vi.waitFor(async () => expect((await report()).status).toBe(200), { timeout: 30_000, interval: 100 });
    // The new worker delivers what waited, and the banner is gone.
    await vi.waitFor(() => expect(target.postings.size).toBe(1), { timeout: 20_000, interval: 100 });
    await vi.waitFor(async () => expect((await report()).body.background.replays.due).toBe(0), { timeout: 10_000 });
    expect((await banner("engineer")).banner).toBeNull();
    expect((await ready()).status).toBe(200);
  });

  it("reports the rollup backlog and calls work overdue even while a worker beats", async () => {
    await vi.waitFor(async () => expect((await report()).body.background.rollups.foldAgeMs).toBeLessThan(5000), {
      timeout: 30_000,
    });
    // The worker stamps its loops.
    await vi.waitFor(
      async () => {
        const { background } = (await report()).body;
        expect(background.alerts.lastEvaluatedAt).not.toBeNull();
        expect(background.issues.lastSyncedAt).not.toBeNull();
      },
      { timeout: 10_000 },
    );
    // The fold's lock held elsewhere and its last fold an hour ago: the worker beats, the
    // dashboards do not move.
    const holder = await db.pool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock($1)", [ROLLUP_LOCK_ID]);
      await db.pool.query("UPDATE rollup_state SET folded_at = now() - interval '1 hour' WHERE id = 1");
      const behind = await report();
      expect(behind.status).toBe(503);
      expect(behind.body.background.state).toBe("behind");
      expect(behind.body.reasons).toEqual([
        expect.stringMatching(/^the dashboard rollups were last folded 1 h ago \(\d+ changes waiting\)$/),
      ]);
      expect((await banner("engineer")).banner).toMatch(/^Background work is behind: the dashboard rollups/);
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
    }
    await vi.waitFor(async () => expect((await report()).status).toBe(200), { timeout: 10_000, interval: 100 });
  });
});
