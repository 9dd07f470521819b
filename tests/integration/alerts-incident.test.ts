import { beforeAll, expect, it } from "vitest";
import { evaluateAlerts } from "@/lib/jobs/alerts/evaluate-alerts";
import { createAlertChannelSchema } from "@/lib/services/alerts/alert-channel-schema";
import { createAlertRuleSchema } from "@/lib/services/alerts/alert-rule-schema";
import { createAlertChannel } from "@/lib/services/alerts/save-alert-channel";
import { createAlertRule } from "@/lib/services/alerts/save-alert-rule";
import { testActor } from "../helpers/actors";
import { useSmtpSink, useWebhookSink } from "../helpers/alert-sinks";
import { ingest, newApiKey } from "../helpers/api";
import { allowLocalTargets } from "../helpers/local-targets";
import { setTestSecretKey } from "../helpers/secret-key";
import { useTestDatabase } from "../helpers/test-database";

// The "done when": the customer-master incident (the ERP rejecting shipment
// confirmations of site east with CUSTOMER_MASTER_INVALID) drives an alert to a webhook and
// to a real SMTP server, once; it repeats only after the repeat interval; and when the
// confirmations post again, one recovery message reaches each channel.

allowLocalTargets();
setTestSecretKey();
const admin = testActor("admin");
const PUBLIC_URL = "https://crossdock.example.test";
const MIN = 60_000;

const db = useTestDatabase({ catalogue: true });
const webhook = useWebhookSink();
const smtp = useSmtpSink({ user: "alerts", password: "smtp-secret-under-test" });
let key: string;

beforeAll(async () => {
  key = await newApiKey(db.pool, "middleware");
});

// A shipment confirmation from wms-east to erp-cloud, as the simulator's scenario sends it.
function shipment(id: string, site: string, at: number, fail: boolean) {
  const common = {
    transactionId: `TX-${id}`,
    workflow: "shipment_confirmation",
    site,
    source: `wms-${site}`,
    target: "erp-cloud",
    businessKey: id,
    refs: { shipmentId: id, customerId: "C-10042" },
  };
  const t = (s: number) => new Date(at + s * 1000).toISOString();
  return [
    {
      ...common,
      id: `${id}-r`,
      stage: "received",
      layer: "source_api",
      occurredAt: t(0),
      value: { amount: 1000, currency: "USD" },
    },
    { ...common, id: `${id}-p`, stage: "published", layer: "broker", occurredAt: t(1) },
    fail
      ? {
          ...common,
          id: `${id}-f`,
          stage: "failed",
          layer: "target_api",
          occurredAt: t(3),
          error: { code: "CUSTOMER_MASTER_INVALID", message: "Customer C-10042 failed validation", retryable: false },
        }
      : { ...common, id: `${id}-a`, stage: "acknowledged", layer: "target_api", occurredAt: t(3) },
  ];
}

it("fires once on each channel, repeats only after the interval, and recovers once when the confirmations post again", async () => {
  const hook = await createAlertChannel(
    db.pool,
    admin,
    createAlertChannelSchema.parse({ name: "ops webhook", kind: "webhook", url: `${webhook.url}/hooks/T0KEN123` }),
  );
  const mail = await createAlertChannel(
    db.pool,
    admin,
    createAlertChannelSchema.parse({
      name: "outbound team",
      kind: "email",
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      user: "alerts",
      password: "smtp-secret-under-test",
      from: "crossdock@example.test",
      to: "outbound@example.test, oncall@example.test",
    }),
  );
  const stored = await db.pool.query<{ secret: string }>("SELECT secret FROM alert_channels ORDER BY id");
  for (const r of stored.rows) expect(r.secret).toMatch(/^v1:/);
  expect(stored.rows.map((r) => r.secret).join()).not.toMatch(/T0KEN123|smtp-secret-under-test/);

  const rule = await createAlertRule(
    db.pool,
    admin,
    createAlertRuleSchema.parse({
      name: "Shipment confirmations failing at east",
      kind: "failure_rate",
      workflow: "shipment_confirmation",
      site: "east",
      threshold: 5,
      windowMinutes: 15,
      minCount: 10,
      repeatMinutes: 5,
      channelIds: [hook.id, mail.id],
    }),
  );

  // The incident: 12 of 20 confirmations at east rejected in the last few minutes; central is fine.
  const t0 = Math.floor((Date.now() - 40 * MIN) / 1000) * 1000;
  const events = [];
  for (let i = 0; i < 20; i++) events.push(...shipment(`SHP-E${i}`, "east", t0 - 8 * MIN + i * 20_000, i < 12));
  for (let i = 0; i < 20; i++) events.push(...shipment(`SHP-C${i}`, "central", t0 - 8 * MIN + i * 20_000, false));
  expect((await ingest(key, { events })).body).toMatchObject({ rejected: 0 });

  const first = await evaluateAlerts(db.pool, { publicUrl: PUBLIC_URL, now: new Date(t0) });
  expect(first.rules).toEqual([expect.objectContaining({ ruleId: rule.id, transition: "fire" })]);
  expect(first.delivery).toEqual({ sent: 2, failed: 0 });
  expect(webhook.requests).toHaveLength(1);
  expect(webhook.requests[0]!.path).toBe("/hooks/T0KEN123");
  expect(webhook.requests[0]!.body).toMatchObject({
    rule: "Shipment confirmations failing at east",
    event: "fired",
    state: "firing",
    value: 60,
    threshold: 5,
    unit: "%",
    workflow: "shipment_confirmation",
    site: "east",
    started_at: new Date(t0).toISOString(),
    resolved_at: null,
    link: `${PUBLIC_URL}/failures?range=1h&workflow=shipment_confirmation&site=east`,
  });
  expect(webhook.requests[0]!.body.summary).toContain("12 of 20");
  expect(smtp.messages).toHaveLength(1);
  expect(smtp.messages[0]).toMatchObject({
    user: "alerts",
    from: "crossdock@example.test",
    to: ["outbound@example.test", "oncall@example.test"],
  });
  expect(smtp.messages[0]!.subject).toBe("[FIRING] Shipment confirmations failing at east (Failure rate)");
  expect(smtp.messages[0]!.text).toContain(`${PUBLIC_URL}/failures?range=1h&workflow=shipment_confirmation&site=east`);
  expect(smtp.messages[0]!.text).toContain("Value:     60%");

  // Still failing a minute later: nothing new, the alert is open.
  const again = await evaluateAlerts(db.pool, { publicUrl: PUBLIC_URL, now: new Date(t0 + MIN) });
  expect(again.rules[0]!.transition).toBe("none");
  expect(webhook.requests).toHaveLength(1);
  expect(smtp.messages).toHaveLength(1);

  // Past the repeat interval (5 min) and still failing: one reminder per channel.
  await evaluateAlerts(db.pool, { publicUrl: PUBLIC_URL, now: new Date(t0 + 4 * MIN) });
  expect(webhook.requests).toHaveLength(1);
  await evaluateAlerts(db.pool, { publicUrl: PUBLIC_URL, now: new Date(t0 + 6 * MIN) });
  expect(webhook.requests).toHaveLength(2);
  expect(webhook.requests[1]!.body).toMatchObject({
    event: "repeated",
    state: "firing",
    started_at: new Date(t0).toISOString(),
  });
  expect(smtp.messages).toHaveLength(2);
  expect(smtp.messages[1]!.subject).toMatch(/^\[STILL FIRING\]/);

  // Fixed: the customer master is corrected and confirmations post again.
  const fixed = [];
  for (let i = 0; i < 15; i++) fixed.push(...shipment(`SHP-F${i}`, "east", t0 + 12 * MIN + i * 20_000, false));
  expect((await ingest(key, { events: fixed })).body).toMatchObject({ rejected: 0 });
  const recovered = await evaluateAlerts(db.pool, { publicUrl: PUBLIC_URL, now: new Date(t0 + 20 * MIN) });
  expect(recovered.rules[0]!.transition).toBe("recover");
  expect(webhook.requests).toHaveLength(3);
  expect(webhook.requests[2]!.body).toMatchObject({
    event: "recovered",
    state: "resolved",
    value: 0,
    resolved_at: new Date(t0 + 20 * MIN).toISOString(),
  });
  expect(smtp.messages).toHaveLength(3);
  expect(smtp.messages[2]!.subject).toBe("[RESOLVED] Shipment confirmations failing at east (Failure rate)");

  // Once resolved, quiet.
  await evaluateAlerts(db.pool, { publicUrl: PUBLIC_URL, now: new Date(t0 + 21 * MIN) });
  expect(webhook.requests).toHaveLength(3);
  expect(smtp.messages).toHaveLength(3);

  const alerts = await db.pool.query<{ opened_at: Date; resolved_at: Date | null }>(
    "SELECT opened_at, resolved_at FROM alerts",
  );
  expect(alerts.rows).toEqual([{ opened_at: new Date(t0), resolved_at: new Date(t0 + 20 * MIN) }]);
  const notifications = await db.pool.query<{ event: string; status: string; n: number }>(
    "SELECT event, status, count(*)::int AS n FROM alert_notifications GROUP BY 1, 2 ORDER BY 1",
  );
  expect(notifications.rows).toEqual([
    { event: "fired", status: "sent", n: 2 },
    { event: "recovered", status: "sent", n: 2 },
    { event: "repeated", status: "sent", n: 2 },
  ]);
}, 60_000);
