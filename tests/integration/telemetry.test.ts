import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getTransactions } from "@/app/api/v1/transactions/route";
import { GET as scrapeMetrics } from "@/app/metrics/route";
import { observeRequest } from "@/lib/http/observe-request";
import { startAlertEvaluator } from "@/lib/jobs/alerts/alert-evaluator";
import { startJobRun } from "@/lib/jobs/job-run";
import { recordJobRun } from "@/lib/jobs/record-job-run";
import { replaySettings } from "@/lib/jobs/replay/replay-settings";
import { type ReplayWorker, startReplayWorker } from "@/lib/jobs/replay/start-replay-worker";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { startRollupRefresher } from "@/lib/jobs/rollups/rollup-refresher";
import { requestReplay } from "@/lib/services/replay/request-replay";
import { testActor } from "../helpers/actors";
import { ingest, newApiKey } from "../helpers/api";
import { useCapturedLogs } from "../helpers/captured-logs";
import { useCountingTarget } from "../helpers/counting-target";
import { shipmentEvents } from "../helpers/events";
import { allowLocalTargets } from "../helpers/local-targets";
import { sampleOf } from "../helpers/prometheus-text";
import { insertSystem } from "../helpers/rows";
import { setTestSecretKey } from "../helpers/secret-key";
import { useTestDatabase } from "../helpers/test-database";

// Crossdock's own telemetry through its public seams: GET /metrics as a scraper calls it,
// the API's request ids and log lines, and the worker's per-run log lines, against a real
// PostgreSQL, a real replay worker and a real HTTP replay target.

allowLocalTargets();
setTestSecretKey();
const TOKEN = "scrape-token-for-tests-0123456789";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const logs = useCapturedLogs();
const db = useTestDatabase();
const target = useCountingTarget();
let key: string;
let worker: ReplayWorker | undefined;

beforeAll(async () => {
  key = await newApiKey(db.pool);
  await insertSystem(db.pool, {
    name: "erp-telemetry",
    replayEndpoint: `${target.url}/replay`,
    replayTimeoutMs: 2000,
    replayConcurrency: 10,
    replayRatePerSecond: 1000,
  });
  process.env.CROSSDOCK_METRICS_TOKEN = TOKEN;
});

afterAll(async () => {
  await worker?.stop();
  delete process.env.CROSSDOCK_METRICS_TOKEN;
});

function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://crossdock.test${path}`, { headers });
}

async function scrape(): Promise<string> {
  const res = await scrapeMetrics(get("/metrics", { authorization: `Bearer ${TOKEN}` }));
  expect(res.status).toBe(200);
  return res.text();
}

// Transactions failed at erp-telemetry, ingested through the API; their ids.
async function failedTransactions(prefix: string, n: number): Promise<string[]> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const events = Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    transactionId: `${prefix}-${i}`,
    workflow: "shipment_confirmation",
    stage: "failed",
    layer: "target_api",
    occurredAt: at,
    target: "erp-telemetry",
    businessKey: `${prefix}-${i}`,
    error: { code: "CUSTOMER_MASTER_INVALID", message: "bad customer", retryable: false },
  }));
  expect((await ingest(key, { events })).body).toMatchObject({ accepted: n });
  const { rows } = await db.pool.query<{ id: string }>(
    "SELECT id FROM transactions WHERE external_id LIKE $1 ORDER BY external_id",
    [`${prefix}-%`],
  );
  return rows.map((r) => r.id);
}

describe("GET /metrics", () => {
  it("is off (404, saying how to turn it on) while CROSSDOCK_METRICS_TOKEN is unset", async () => {
    delete process.env.CROSSDOCK_METRICS_TOKEN;
    try {
      const res = await scrapeMetrics(get("/metrics", { authorization: `Bearer ${TOKEN}` }));
      expect(res.status).toBe(404);
      expect((await res.json()).error.message).toMatch(/Set CROSSDOCK_METRICS_TOKEN/);
    } finally {
      process.env.CROSSDOCK_METRICS_TOKEN = TOKEN;
    }
  });

  it("answers 401 without the token or with a wrong one, and the metrics with it", async () => {
    const none = await scrapeMetrics(get("/metrics"));
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await none.text()).not.toContain("crossdock_");
    const wrong = await scrapeMetrics(get("/metrics", { authorization: `Bearer ${TOKEN.replace(/.$/, "x")}` }));
    expect(wrong.status).toBe(401);

    const ok = await scrapeMetrics(get("/metrics", { authorization: `Bearer ${TOKEN}` }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await ok.text();
    expect(sampleOf(text, "crossdock_database_up")).toBe(1);
    expect(text).toContain("# TYPE crossdock_http_request_duration_seconds histogram");
    expect(sampleOf(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
  });

  it("counts ingest requests by status and events by outcome, and times the route", async () => {
    const before = await scrape();
    const count = (text: string, name: string, labels: Record<string, string>) => sampleOf(text, name, labels) ?? 0;
    const events = shipmentEvents("SHP-MET-1");
    expect((await ingest(key, { events })).body).toMatchObject({ accepted: 4 });
    expect((await ingest(key, { events: [...events, { id: "bad" }] })).body).toMatchObject({
      duplicates: 4,
      rejected: 1,
    });
    expect((await ingest("cdk_nope", { events })).status).toBe(401);
    const after = await scrape();

    const eventsTotal = "crossdock_ingest_events_total";
    for (const [outcome, added] of [
      ["accepted", 4],
      ["duplicate", 4],
      ["rejected", 1],
    ] as const) {
      const labels = { source: "native", outcome };
      expect(count(after, eventsTotal, labels) - count(before, eventsTotal, labels)).toBe(added);
    }
    const requests = "crossdock_ingest_requests_total";
    const ok = { endpoint: "/api/v1/events", status: "200" };
    const refused = { endpoint: "/api/v1/events", status: "401" };
    expect(count(after, requests, ok) - count(before, requests, ok)).toBe(2);
    expect(count(after, requests, refused) - count(before, requests, refused)).toBe(1);
    const timed = { route: "POST /api/v1/events", status: "200" };
    const histogram = "crossdock_http_request_duration_seconds_count";
    expect(count(after, histogram, timed) - count(before, histogram, timed)).toBe(2);
  });

  it("reports rollup lag until the worker folds the changes", async () => {
    await ingest(key, { events: shipmentEvents("SHP-MET-2") });
    const waiting = await scrape();
    const lag = sampleOf(waiting, "crossdock_rollup_lag_seconds")!;
    expect(lag).toBeGreaterThan(0);
    expect(lag).toBeCloseTo(sampleOf(waiting, "crossdock_rollup_last_fold_age_seconds")!, 0);

    await refreshRollups(db.pool);
    const folded = await scrape();
    expect(sampleOf(folded, "crossdock_rollup_lag_seconds")).toBe(0);
    expect(sampleOf(folded, "crossdock_rollup_last_fold_age_seconds")).toBeLessThan(5);
  });

  it("counts the worker's periodic runs and failures by job, and says when each last ran", async () => {
    const before = await scrape();
    const evaluations = { job: "alert_evaluation" };
    expect(sampleOf(before, "crossdock_worker_runs_total", evaluations)).toBe(0);
    expect(sampleOf(before, "crossdock_worker_last_run_age_seconds", evaluations)).toBe(Number.POSITIVE_INFINITY);

    const loops = [
      startAlertEvaluator(db.pool, { intervalMs: 50, publicUrl: "http://crossdock.test" }),
      startRollupRefresher(db.pool, { intervalMs: 50 }),
    ];
    try {
      await vi.waitFor(
        async () => {
          const text = await scrape();
          expect(sampleOf(text, "crossdock_worker_runs_total", evaluations)).toBeGreaterThanOrEqual(2);
          expect(sampleOf(text, "crossdock_worker_runs_total", { job: "rollup_fold" })).toBeGreaterThanOrEqual(2);
        },
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      await Promise.all(loops.map((l) => l.stop()));
    }
    const after = await scrape();
    expect(sampleOf(after, "crossdock_worker_last_run_age_seconds", evaluations)).toBeLessThan(5);
    expect(sampleOf(after, "crossdock_worker_run_failures_total", evaluations)).toBe(0);

    const sync = startJobRun("issue_sync");
    await expect(
      recordJobRun(db.pool, sync, 2000, async () => {
        throw new Error("lock timeout");
      }),
    ).rejects.toThrow("lock timeout");
    const failed = await scrape();
    expect(sampleOf(failed, "crossdock_worker_run_failures_total", { job: "issue_sync" })).toBe(1);
    expect(sampleOf(failed, "crossdock_worker_runs_total", { job: "issue_sync" })).toBe(1);

    // The retention job's runs are reported too.
    await recordJobRun(db.pool, startJobRun("retention"), 3_600_000, async () => null);
    expect(sampleOf(await scrape(), "crossdock_worker_runs_total", { job: "retention" })).toBe(1);
  });

  it("reports the replay queue, worker heartbeats and replay outcomes from the database", async () => {
    const [accepted, refused] = await failedTransactions("MET-RPL", 2);
    target.answerFor = (b) => (b.businessKey === "MET-RPL-1" ? "reject" : "accept");
    const engineer = testActor("engineer");
    for (const tx of [accepted!, refused!])
      await requestReplay(db.pool, engineer, { transactionId: tx, reason: null, force: false });

    // No worker yet: both wait, nobody is heard from.
    const queued = await scrape();
    expect(sampleOf(queued, "crossdock_replay_queue_depth", { status: "queued" })).toBe(2);
    expect(sampleOf(queued, "crossdock_replays_finished_total", { outcome: "accepted" })).toBe(0);
    expect(sampleOf(queued, "crossdock_replay_workers_live")).toBe(0);
    expect(sampleOf(queued, "crossdock_replay_worker_heartbeat_age_seconds")).toBe(Number.POSITIVE_INFINITY);

    worker = await startReplayWorker(db.pool, replaySettings({ REPLAY_SWEEP_MS: "500" }));
    await vi.waitFor(
      async () => {
        const text = await scrape();
        expect(sampleOf(text, "crossdock_replays_finished_total", { outcome: "accepted" })).toBe(1);
        expect(sampleOf(text, "crossdock_replays_finished_total", { outcome: "rejected" })).toBe(1);
      },
      { timeout: 20_000, interval: 100 },
    );
    const done = await scrape();
    expect(sampleOf(done, "crossdock_replay_queue_depth", { status: "queued" })).toBe(0);
    expect(sampleOf(done, "crossdock_replays_finished_total", { outcome: "dead_lettered" })).toBe(0);
    expect(sampleOf(done, "crossdock_replay_workers_live")).toBe(1);
    expect(sampleOf(done, "crossdock_replay_worker_heartbeat_age_seconds")).toBeLessThan(10);

    // The worker's lines for those deliveries: one run id per delivery job, the outcome per replay.
    const acceptedLine = logs.where({ job: "replay_delivery", msg: "replay accepted", transactionId: accepted });
    expect(acceptedLine).toHaveLength(1);
    expect(acceptedLine[0]).toMatchObject({ level: "info", outcome: "accepted", attempt: 1 });
    expect(acceptedLine[0]!.runId).toMatch(UUID);
    const refusedLine = logs.where({ job: "replay_delivery", msg: "replay rejected", transactionId: refused });
    expect(refusedLine[0]).toMatchObject({
      level: "info",
      httpStatus: 422,
      reason: "Customer of MET-RPL-1 is blocked",
    });
  });

  it("reports open and fired alerts", async () => {
    await db.pool.query(
      `INSERT INTO alerts (rule_name, opened_at, last_notified_at) VALUES ('open one', now(), now()), ('closed one', now(), now())`,
    );
    await db.pool.query(`UPDATE alerts SET resolved_at = now() WHERE rule_name = 'closed one'`);
    const text = await scrape();
    expect(sampleOf(text, "crossdock_alerts_open")).toBe(1);
    expect(sampleOf(text, "crossdock_alerts_fired_total")).toBe(2);
    expect(sampleOf(text, "crossdock_alert_notifications", { status: "failed" })).toBe(0);
  });

  it("still answers with this process's own figures when the database cannot be read", async () => {
    const before = await scrape();
    const url = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://nobody:none@127.0.0.1:1/crossdock_gone";
    try {
      const text = await scrape();
      expect(sampleOf(text, "crossdock_database_up")).toBe(0);
      expect(sampleOf(text, "crossdock_rollup_lag_seconds")).toBeNaN();
      expect(sampleOf(text, "crossdock_replay_queue_depth", { status: "queued" })).toBeUndefined();
      // Counters keep their value: a drop to 0 would read as a reset.
      const accepted = { outcome: "accepted" };
      expect(sampleOf(text, "crossdock_replays_finished_total", accepted)).toBe(
        sampleOf(before, "crossdock_replays_finished_total", accepted),
      );
      const ingested = { source: "native", outcome: "accepted" };
      expect(sampleOf(text, "crossdock_ingest_events_total", ingested)).toBe(
        sampleOf(before, "crossdock_ingest_events_total", ingested),
      );
    } finally {
      process.env.DATABASE_URL = url;
    }
  });
});

describe("request ids and request logs", () => {
  it("keeps the client's x-request-id, echoes it, and logs the request as JSON under it", async () => {
    const res = await ingest(key, { events: shipmentEvents("SHP-LOG-1") }, { headers: { "x-request-id": "mw-42.a" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("mw-42.a");
    const [line] = logs.where({ requestId: "mw-42.a" });
    expect(line).toMatchObject({ route: "POST /api/v1/events", status: 200, msg: "request answered", level: "debug" });
    expect(new Date(line!.time).toISOString()).toBe(line!.time);
  });

  it("makes an id when none (or an unsafe one) is sent, on refusals too", async () => {
    const res = await getTransactions(get("/api/v1/transactions", { "x-request-id": "forged <id> with spaces" }));
    expect(res.status).toBe(401);
    const id = res.headers.get("x-request-id")!;
    expect(id).toMatch(UUID);
    expect(logs.where({ requestId: id })).toEqual([
      expect.objectContaining({
        level: "info",
        route: "GET /api/v1/transactions",
        status: 401,
        msg: "request refused",
      }),
    ]);
    expect(logs.lines.some((l) => JSON.stringify(l).includes("forged"))).toBe(false);
  });

  it("logs an unexpected error with its stack under the request id, and answers 500 without internals", async () => {
    const res = await observeRequest(get("/boom"), "GET /boom", async () => {
      throw new Error("the disk is on fire");
    });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("disk");
    const lines = logs.where({ requestId: res.headers.get("x-request-id") });
    const failure = lines.find((l) => l.msg === "GET /boom failed");
    expect(failure).toMatchObject({ level: "error", err: { message: "the disk is on fire" } });
    expect((failure!.err as { stack: string }).stack).toMatch(/Error: the disk is on fire\n\s+at /);
    expect(lines.find((l) => l.msg === "request failed")).toMatchObject({ status: 500 });
  });
});
