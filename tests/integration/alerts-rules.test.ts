import { beforeAll, describe, expect, it, vi } from "vitest";
import { startAlertEvaluator } from "@/lib/jobs/alerts/alert-evaluator";
import { evaluateAlerts } from "@/lib/jobs/alerts/evaluate-alerts";
import { type AlertFigureTarget, readAlertFigure } from "@/lib/queries/alerts/read-alert-figure";
import { createAlertChannelSchema } from "@/lib/services/alerts/alert-channel-schema";
import { createAlertRuleSchema } from "@/lib/services/alerts/alert-rule-schema";
import { createAlertChannel, deleteAlertChannel } from "@/lib/services/alerts/save-alert-channel";
import { createAlertRule, setAlertRuleEnabled } from "@/lib/services/alerts/save-alert-rule";
import { sendTestNotification } from "@/lib/services/alerts/send-test-notification";
import { applyDemoCatalogue, DEMO_ALERT_RULE, DEMO_ALERT_URL_ENV } from "@/lib/services/seed-catalogue";
import { startDemoAlertReceiver } from "@/sim/alert-receiver";
import { testActor } from "../helpers/actors";
import { useSmtpSink, useWebhookSink } from "../helpers/alert-sinks";
import { ingest, newApiKey } from "../helpers/api";
import { allowLocalTargets } from "../helpers/local-targets";
import { setTestSecretKey } from "../helpers/secret-key";
import { useTestDatabase } from "../helpers/test-database";

// The other rule kinds at the query level, delivery failures and retries, two workers
// evaluating at once, and "Send test".

allowLocalTargets();
setTestSecretKey();
const admin = testActor("admin");
const PUBLIC_URL = "https://crossdock.example.test";
const MIN = 60_000;

const db = useTestDatabase({ catalogue: true });
const webhook = useWebhookSink();
const smtp = useSmtpSink({ user: "alerts", password: "right" });
let key: string;
const t0 = Math.floor((Date.now() - 3 * 60 * MIN) / 1000) * 1000;
const ids: Record<string, number> = {};

beforeAll(async () => {
  key = await newApiKey(db.pool, "middleware");
  const { rows } = await db.pool.query<{ name: string; id: number }>(
    `SELECT name, id FROM workflows UNION ALL SELECT 'site:' || code, id FROM sites UNION ALL SELECT 'system:' || name, id FROM systems`,
  );
  for (const r of rows) ids[r.name] = r.id;
});

interface Tx {
  id: string;
  workflow: string;
  site: string;
  source: string;
  at: number;
  latencyMs?: number;
  fail?: boolean;
  amount?: number;
  currency?: string;
}

function events(t: Tx) {
  const common = {
    transactionId: t.id,
    workflow: t.workflow,
    site: t.site,
    source: t.source,
    target: "erp-cloud",
    businessKey: t.id,
  };
  const end = new Date(t.at + (t.latencyMs ?? 2000)).toISOString();
  return [
    {
      ...common,
      id: `${t.id}-r`,
      stage: "received",
      layer: "source_api",
      occurredAt: new Date(t.at).toISOString(),
      ...(t.amount ? { value: { amount: t.amount, currency: t.currency ?? "USD" } } : {}),
    },
    t.fail
      ? {
          ...common,
          id: `${t.id}-f`,
          stage: "failed",
          layer: "target_api",
          occurredAt: end,
          error: { code: "CUSTOMER_MASTER_INVALID", message: "Customer failed validation", retryable: false },
        }
      : { ...common, id: `${t.id}-a`, stage: "acknowledged", layer: "target_api", occurredAt: end },
  ];
}

async function send(txs: Tx[]): Promise<void> {
  expect((await ingest(key, { events: txs.flatMap(events) })).body).toMatchObject({ rejected: 0 });
}

const target = (over: Partial<AlertFigureTarget>): AlertFigureTarget => ({
  kind: "failure_rate",
  workflowId: null,
  siteId: null,
  systemId: null,
  systemName: null,
  currency: null,
  windowMinutes: 15,
  ...over,
});

describe("figures per rule kind", () => {
  it("stuck count and value: open work past the workflow's SLA at the site, in the rule's currency", async () => {
    await send([
      // stuck at east: failed 60 min ago (SLA 20 min)
      {
        id: "STK-1",
        workflow: "shipment_confirmation",
        site: "east",
        source: "wms-east",
        at: t0 - 60 * MIN,
        fail: true,
        amount: 1000,
      },
      {
        id: "STK-2",
        workflow: "shipment_confirmation",
        site: "east",
        source: "wms-east",
        at: t0 - 50 * MIN,
        fail: true,
        amount: 250.5,
      },
      {
        id: "STK-3",
        workflow: "shipment_confirmation",
        site: "east",
        source: "wms-east",
        at: t0 - 45 * MIN,
        fail: true,
        amount: 900,
        currency: "EUR",
      },
      // not stuck: too recent, another site, or done
      {
        id: "STK-4",
        workflow: "shipment_confirmation",
        site: "east",
        source: "wms-east",
        at: t0 - 5 * MIN,
        fail: true,
        amount: 5000,
      },
      {
        id: "STK-5",
        workflow: "shipment_confirmation",
        site: "central",
        source: "wms-central",
        at: t0 - 60 * MIN,
        fail: true,
        amount: 7000,
      },
      {
        id: "STK-6",
        workflow: "shipment_confirmation",
        site: "east",
        source: "wms-east",
        at: t0 - 60 * MIN,
        amount: 3000,
      },
    ]);
    const stuck = target({
      kind: "stuck_value",
      workflowId: ids.shipment_confirmation!,
      siteId: ids["site:east"]!,
      currency: "USD",
    });
    expect(await readAlertFigure(db.pool, stuck, new Date(t0))).toEqual({ kind: "stuck", count: 3, value: 1250.5 });
    expect(await readAlertFigure(db.pool, { ...stuck, currency: "EUR" }, new Date(t0))).toEqual({
      kind: "stuck",
      count: 3,
      value: 900,
    });
    expect(await readAlertFigure(db.pool, { ...stuck, siteId: null }, new Date(t0))).toMatchObject({
      count: 4,
      value: 8250.5,
    });
    // Ten minutes later the fourth one is past its SLA too.
    expect(await readAlertFigure(db.pool, stuck, new Date(t0 + 20 * MIN))).toMatchObject({ count: 4 });
  });

  it("p95 latency: transactions completed in the window, nearest rank", async () => {
    const fast = Array.from(
      { length: 18 },
      (_, i): Tx => ({
        id: `ORD-F${i}`,
        workflow: "order_release",
        site: "central",
        source: "erp-cloud",
        at: t0 - 10 * MIN + i * 1000,
        latencyMs: 1000,
      }),
    );
    const slow = [1, 2].map(
      (i): Tx => ({
        id: `ORD-S${i}`,
        workflow: "order_release",
        site: "central",
        source: "erp-cloud",
        at: t0 - 40 * MIN,
        latencyMs: 35 * MIN + i * 1000,
      }),
    );
    await send([...fast, ...slow]);
    const p95 = target({ kind: "p95_latency", workflowId: ids.order_release! });
    // 20 completed in the last 15 min; ranks 19 and 20 are the slow ones
    expect(await readAlertFigure(db.pool, p95, new Date(t0))).toEqual({
      kind: "p95_latency",
      completed: 20,
      p95Ms: 35 * MIN + 1000,
    });
    // Another site has none; a window after them has none.
    expect(await readAlertFigure(db.pool, { ...p95, siteId: ids["site:east"]! }, new Date(t0))).toEqual({
      kind: "p95_latency",
      completed: 0,
      p95Ms: null,
    });
    expect(await readAlertFigure(db.pool, p95, new Date(t0 + 30 * MIN))).toEqual({
      kind: "p95_latency",
      completed: 0,
      p95Ms: null,
    });
    await send(
      Array.from(
        { length: 30 },
        (_, i): Tx => ({
          id: `ORD-G${i}`,
          workflow: "order_release",
          site: "central",
          source: "erp-cloud",
          at: t0 - 9 * MIN + i * 1000,
          latencyMs: 2000,
        }),
      ),
    );
    expect(await readAlertFigure(db.pool, p95, new Date(t0))).toEqual({
      kind: "p95_latency",
      completed: 50,
      p95Ms: 2000,
    });
  });

  it("no traffic: a system silent for the window has nothing; one that sent has something", async () => {
    await send([
      { id: "GR-1", workflow: "goods_receipt", site: "south", source: "wms-legacy-south", at: t0 - 20 * MIN },
    ]);
    const south = target({
      kind: "no_traffic",
      systemId: ids["system:wms-legacy-south"]!,
      systemName: "wms-legacy-south",
      windowMinutes: 30,
    });
    expect(await readAlertFigure(db.pool, south, new Date(t0))).toEqual({ kind: "no_traffic", transactions: 1 });
    expect(await readAlertFigure(db.pool, south, new Date(t0 + 15 * MIN))).toEqual({
      kind: "no_traffic",
      transactions: 0,
    });
    expect(
      await readAlertFigure(
        db.pool,
        { ...south, systemId: ids["system:carrier-ups"]!, systemName: "carrier-ups" },
        new Date(t0),
      ),
    ).toEqual({ kind: "no_traffic", transactions: 0 });
  });
});

describe("evaluation and delivery", () => {
  it("a failed delivery is recorded and retried on the next evaluation; the worker carries on", async () => {
    const hook = await createAlertChannel(
      db.pool,
      admin,
      createAlertChannelSchema.parse({ name: "flaky hook", kind: "webhook", url: `${webhook.url}/flaky` }),
    );
    const dead = await createAlertChannel(
      db.pool,
      admin,
      createAlertChannelSchema.parse({ name: "dead hook", kind: "slack", url: "http://127.0.0.1:9/hook" }),
    );
    const rule = await createAlertRule(
      db.pool,
      admin,
      createAlertRuleSchema.parse({
        name: "South WMS silent",
        kind: "no_traffic",
        system: "wms-legacy-south",
        windowMinutes: 10,
        repeatMinutes: 0,
        channelIds: [hook.id, dead.id],
      }),
    );
    webhook.respondWith = [503];
    const before = webhook.requests.length;
    const first = await evaluateAlerts(db.pool, { publicUrl: PUBLIC_URL, now: new Date(t0) });
    expect(first.rules.find((r) => r.ruleId === rule.id)?.transition).toBe("fire");
    expect(first.delivery).toEqual({ sent: 0, failed: 2 });
    const failed = await db.pool.query<{ channel_name: string; status: string; attempts: number; error: string }>(
      "SELECT channel_name, status, attempts, error FROM alert_notifications ORDER BY channel_name",
    );
    expect(failed.rows).toEqual([
      {
        channel_name: "dead hook",
        status: "failed",
        attempts: 1,
        error: expect.stringMatching(/fetch failed|ECONNREFUSED/),
      },
      { channel_name: "flaky hook", status: "failed", attempts: 1, error: "HTTP 503 unavailable" },
    ]);
    const second = await evaluateAlerts(db.pool, { publicUrl: PUBLIC_URL, now: new Date(t0 + MIN) });
    expect(second.delivery).toEqual({ sent: 1, failed: 1 });
    const flaky = webhook.requests.slice(before);
    expect(flaky).toHaveLength(2);
    expect(flaky[1]!.body).toEqual(flaky[0]!.body); // the same message, not a new alert
    expect(flaky[1]!.body).toMatchObject({
      event: "fired",
      system: "wms-legacy-south",
      link: `${PUBLIC_URL}/transactions`,
    });
    // Deleting a channel gives up its unsent notifications instead of retrying them forever.
    await deleteAlertChannel(db.pool, admin, dead.id);
    const third = await evaluateAlerts(db.pool, { publicUrl: PUBLIC_URL, now: new Date(t0 + 2 * MIN) });
    expect(third.delivery).toEqual({ sent: 0, failed: 0 });
    await setAlertRuleEnabled(db.pool, admin, rule.id, false);
    expect(
      (await db.pool.query("SELECT 1 FROM alerts WHERE rule_id = $1 AND resolved_at IS NULL", [rule.id])).rowCount,
    ).toBe(0);
  });

  it("two workers evaluating at once notify once", async () => {
    const hook = await createAlertChannel(
      db.pool,
      admin,
      createAlertChannelSchema.parse({ name: "race hook", kind: "webhook", url: `${webhook.url}/race` }),
    );
    await createAlertRule(
      db.pool,
      admin,
      createAlertRuleSchema.parse({
        name: "Stuck shipments east",
        kind: "stuck_count",
        workflow: "shipment_confirmation",
        site: "east",
        threshold: 2,
        channelIds: [hook.id],
      }),
    );
    const now = new Date(t0 + 3 * MIN);
    const results = await Promise.all([1, 2, 3].map(() => evaluateAlerts(db.pool, { publicUrl: PUBLIC_URL, now })));
    expect(results.filter((r) => r.evaluated).length).toBeGreaterThanOrEqual(1);
    const race = webhook.requests.filter((r) => r.path === "/race");
    expect(race).toHaveLength(1);
    expect(race[0]!.body).toMatchObject({
      rule: "Stuck shipments east",
      value: 3,
      threshold: 2,
      link: `${PUBLIC_URL}/stuck?range=30d&workflow=shipment_confirmation&site=east`,
    });
  });
});

describe("the worker's loop", () => {
  it("evaluates on its interval and keeps going after a failed run", async () => {
    const hook = await createAlertChannel(
      db.pool,
      admin,
      createAlertChannelSchema.parse({ name: "loop hook", kind: "webhook", url: `${webhook.url}/loop` }),
    );
    await createAlertRule(
      db.pool,
      admin,
      createAlertRuleSchema.parse({
        name: "Carrier silent",
        kind: "no_traffic",
        system: "carrier-ups",
        windowMinutes: 5,
        channelIds: [hook.id],
      }),
    );
    const errors: unknown[] = [];
    let runs = 0;
    const loop = startAlertEvaluator(db.pool, {
      intervalMs: 100,
      publicUrl: PUBLIC_URL,
      onError: (e) => errors.push(e),
      onResult: () => runs++,
    });
    try {
      await vi.waitFor(() => expect(webhook.requests.filter((r) => r.path === "/loop")).toHaveLength(1), {
        timeout: 10_000,
        interval: 50,
      });
      await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 50 });
    } finally {
      await loop.stop();
    }
    expect(errors).toEqual([]);
    expect(webhook.requests.filter((r) => r.path === "/loop")[0]!.body).toMatchObject({
      rule: "Carrier silent",
      summary: "no transactions from carrier-ups for 5 min",
    });
  });
});

describe("send test", () => {
  it("reports the webhook's status and delivers a test message", async () => {
    const hook = await createAlertChannel(
      db.pool,
      admin,
      createAlertChannelSchema.parse({ name: "test hook", kind: "slack", url: `${webhook.url}/slack-test` }),
    );
    expect(await sendTestNotification(db.pool, hook.id, PUBLIC_URL)).toEqual({ ok: true, response: "HTTP 200 ok" });
    const got = webhook.requests.filter((r) => r.path === "/slack-test");
    expect(got).toHaveLength(1);
    expect(got[0]!.body.text).toMatch(/^\[TEST\] /);
    expect(got[0]!.body.blocks).toHaveLength(3);
    webhook.respondWith = [404];
    expect(await sendTestNotification(db.pool, hook.id, PUBLIC_URL)).toEqual({
      ok: false,
      response: "HTTP 404 unavailable",
    });
  });

  it("reports the SMTP server's answer, and its refusal of a wrong password", async () => {
    const base = {
      kind: "email",
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      user: "alerts",
      from: "crossdock@example.test",
      to: "ops@example.test",
    };
    const good = await createAlertChannel(
      db.pool,
      admin,
      createAlertChannelSchema.parse({ ...base, name: "mail ok", password: "right" }),
    );
    const bad = await createAlertChannel(
      db.pool,
      admin,
      createAlertChannelSchema.parse({ ...base, name: "mail bad", password: "wrong" }),
    );
    const ok = await sendTestNotification(db.pool, good.id, PUBLIC_URL);
    expect(ok).toMatchObject({ ok: true, response: expect.stringMatching(/^250 /) });
    expect(smtp.messages.at(-1)).toMatchObject({
      subject: "[TEST] Test notification (Failure rate)",
      to: ["ops@example.test"],
    });
    const refused = await sendTestNotification(db.pool, bad.id, PUBLIC_URL);
    expect(refused.ok).toBe(false);
    expect(refused.response).toMatch(/Invalid username or password|535/);
  });
});

describe("the demo's example rule", () => {
  it("comes from the demo catalogue, is re-pointed at each run's receiver, and prints what it receives", async () => {
    const lines: string[] = [];
    const receiver = await startDemoAlertReceiver((l) => lines.push(l));
    try {
      await applyDemoCatalogue(db.pool, admin, { [DEMO_ALERT_URL_ENV]: "http://127.0.0.1:9/old-run" });
      await applyDemoCatalogue(db.pool, admin, { [DEMO_ALERT_URL_ENV]: receiver.url });
      const rules = await db.pool.query<{ id: number; kind: string; threshold: number; channels: number }>(
        "SELECT r.id, r.kind, r.threshold::float8 AS threshold, (SELECT count(*)::int FROM alert_rule_channels WHERE rule_id = r.id) AS channels FROM alert_rules r WHERE name = $1",
        [DEMO_ALERT_RULE],
      );
      expect(rules.rows).toEqual([{ id: expect.any(Number), kind: "stuck_value", threshold: 100000, channels: 1 }]);
      const channel = await db.pool.query<{ id: number }>("SELECT id FROM alert_channels WHERE name = 'Demo console'");
      expect(channel.rowCount).toBe(1);
      expect(await sendTestNotification(db.pool, channel.rows[0]!.id, PUBLIC_URL)).toEqual({
        ok: true,
        response: "HTTP 204",
      });
      expect(lines.join("")).toContain("alert: [TEST] Test notification (Failure rate)");
    } finally {
      await receiver.close();
    }
  });
});
