import { describe, expect, it } from "vitest";
import { evaluateCondition } from "@/lib/domain/alerts/condition";
import { emailContent, slackBody } from "@/lib/domain/alerts/format";
import { alertLink } from "@/lib/domain/alerts/link";
import { buildAlertMessage } from "@/lib/domain/alerts/message";
import type { AlertRuleSpec } from "@/lib/domain/alerts/rule";
import { decideTransition } from "@/lib/domain/alerts/transition";

const now = new Date("2026-11-29T10:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const rule = (over: Partial<AlertRuleSpec> = {}): AlertRuleSpec => ({
  id: 7,
  name: "Shipments east",
  kind: "failure_rate",
  workflow: "shipment_confirmation",
  slaMinutes: 20,
  site: "east",
  system: null,
  threshold: 5,
  currency: null,
  windowMinutes: 15,
  minCount: 10,
  repeatMinutes: 30,
  ...over,
});

describe("decideTransition", () => {
  it("fires when the condition becomes true and does nothing while it stays false", () => {
    expect(decideTransition({ breaching: true, open: null, repeatMinutes: 30, now })).toBe("fire");
    expect(decideTransition({ breaching: false, open: null, repeatMinutes: 30, now })).toBe("none");
  });
  it("repeats only once the repeat interval has passed since the last notification", () => {
    const open = (m: number) => ({ openedAt: minutesAgo(90), lastNotifiedAt: minutesAgo(m) });
    expect(decideTransition({ breaching: true, open: open(29), repeatMinutes: 30, now })).toBe("none");
    expect(decideTransition({ breaching: true, open: open(30), repeatMinutes: 30, now })).toBe("repeat");
    expect(decideTransition({ breaching: true, open: open(600), repeatMinutes: 0, now })).toBe("none");
  });
  it("recovers when the condition clears on an open alert", () => {
    expect(
      decideTransition({
        breaching: false,
        open: { openedAt: minutesAgo(5), lastNotifiedAt: minutesAgo(5) },
        repeatMinutes: 30,
        now,
      }),
    ).toBe("recover");
  });
});

describe("evaluateCondition", () => {
  it("failure rate: over the threshold with enough transactions, never on a handful", () => {
    expect(evaluateCondition(rule(), { kind: "failure_rate", started: 20, failed: 2 })).toMatchObject({
      breaching: true,
      value: 10,
      threshold: 5,
    });
    expect(evaluateCondition(rule(), { kind: "failure_rate", started: 20, failed: 1 })).toMatchObject({
      breaching: false,
      value: 5,
    });
    // 1 of 2 is 50%, but below the minimum count
    expect(evaluateCondition(rule(), { kind: "failure_rate", started: 2, failed: 1 })).toMatchObject({
      breaching: false,
      value: 50,
    });
    expect(evaluateCondition(rule(), { kind: "failure_rate", started: 0, failed: 0 })).toMatchObject({
      breaching: false,
      value: null,
    });
  });
  it("stuck count and stuck value compare their own figure", () => {
    expect(
      evaluateCondition(rule({ kind: "stuck_count", threshold: 3 }), { kind: "stuck", count: 4, value: 10 }),
    ).toMatchObject({ breaching: true, value: 4 });
    expect(
      evaluateCondition(rule({ kind: "stuck_count", threshold: 3 }), { kind: "stuck", count: 3, value: 1e9 }),
    ).toMatchObject({ breaching: false });
    const value = evaluateCondition(rule({ kind: "stuck_value", threshold: 50_000, currency: "USD" }), {
      kind: "stuck",
      count: 2,
      value: 50_000.5,
    });
    expect(value).toMatchObject({ breaching: true, value: 50_000.5, threshold: 50_000 });
    expect(value.summary).toBe(
      "50,000.50 USD stuck in 2 shipment_confirmation transactions at east (threshold 50,000.00 USD)",
    );
  });
  it("p95 latency defaults to the workflow's SLA and needs the minimum count", () => {
    const p95 = rule({ kind: "p95_latency", threshold: null });
    expect(evaluateCondition(p95, { kind: "p95_latency", completed: 50, p95Ms: 21 * 60_000 })).toMatchObject({
      breaching: true,
      value: 21,
      threshold: 20,
    });
    expect(evaluateCondition(p95, { kind: "p95_latency", completed: 50, p95Ms: 19 * 60_000 })).toMatchObject({
      breaching: false,
    });
    expect(evaluateCondition(p95, { kind: "p95_latency", completed: 3, p95Ms: 90 * 60_000 })).toMatchObject({
      breaching: false,
    });
    expect(
      evaluateCondition({ ...p95, threshold: 10 }, { kind: "p95_latency", completed: 50, p95Ms: 11 * 60_000 }),
    ).toMatchObject({ breaching: true, threshold: 10 });
  });
  it("no traffic fires on silence only", () => {
    const silent = rule({ kind: "no_traffic", workflow: null, site: null, system: "wms-east", windowMinutes: 30 });
    expect(evaluateCondition(silent, { kind: "no_traffic", transactions: 0 })).toMatchObject({
      breaching: true,
      summary: "no transactions from wms-east for 30 min",
    });
    expect(evaluateCondition(silent, { kind: "no_traffic", transactions: 1 })).toMatchObject({ breaching: false });
  });
});

describe("alert links", () => {
  it("open the view that explains each kind, filtered by workflow and site", () => {
    const base = "https://crossdock.example.test/";
    expect(alertLink(rule(), base)).toBe(
      "https://crossdock.example.test/failures?range=1h&workflow=shipment_confirmation&site=east",
    );
    expect(alertLink(rule({ kind: "stuck_value", site: null }), base)).toBe(
      "https://crossdock.example.test/stuck?range=30d&workflow=shipment_confirmation",
    );
    expect(alertLink(rule({ kind: "p95_latency", windowMinutes: 120 }), base)).toBe(
      "https://crossdock.example.test/workflows/shipment_confirmation?range=24h&site=east",
    );
    expect(alertLink(rule({ kind: "no_traffic", workflow: null, site: null, system: "wms-east" }), base)).toBe(
      "https://crossdock.example.test/transactions",
    );
  });
});

describe("message formatting", () => {
  const condition = evaluateCondition(rule(), { kind: "failure_rate", started: 20, failed: 12 });
  const fired = buildAlertMessage({
    rule: rule(),
    event: "fired",
    condition,
    startedAt: minutesAgo(3),
    now,
    link: "https://x.test/failures?workflow=a&site=<b>",
  });
  const recovered = buildAlertMessage({
    rule: rule(),
    event: "recovered",
    condition: evaluateCondition(rule(), { kind: "failure_rate", started: 20, failed: 0 }),
    startedAt: minutesAgo(30),
    now,
    link: "https://x.test/f",
  });

  it("the webhook body says what fired, where, how bad and since when", () => {
    expect(fired).toEqual({
      rule: "Shipments east",
      rule_id: 7,
      kind: "failure_rate",
      event: "fired",
      state: "firing",
      value: 60,
      threshold: 5,
      unit: "%",
      workflow: "shipment_confirmation",
      site: "east",
      system: null,
      summary:
        "12 of 20 shipment_confirmation transactions at east started in the last 15 min failed (60%, threshold 5%)",
      started_at: "2026-11-29T09:57:00.000Z",
      resolved_at: null,
      link: "https://x.test/failures?workflow=a&site=<b>",
    });
    expect(recovered).toMatchObject({ state: "resolved", resolved_at: now.toISOString(), value: 0 });
  });

  it("Slack gets a fallback text, formatted blocks with the facts and a button to the view", () => {
    const body = slackBody(fired);
    expect(body.text).toBe(
      "[FIRING] Shipments east (Failure rate): 12 of 20 shipment_confirmation transactions at east started in the last 15 min failed (60%, threshold 5%)",
    );
    const json = JSON.stringify(body.blocks);
    expect(json).toContain("*Value:* 60%");
    expect(json).toContain("*Site:* east");
    expect(body.blocks[2]).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Open in Crossdock" },
          url: "https://x.test/failures?workflow=a&site=<b>",
        },
      ],
    });
    expect(slackBody(recovered).text).toMatch(/^\[RESOLVED\] /);
  });

  it("email has the headline as subject and the link in the text", () => {
    const mail = emailContent(fired);
    expect(mail.subject).toBe("[FIRING] Shipments east (Failure rate)");
    expect(mail.text).toContain("Threshold: 5%");
    expect(mail.text).toContain("Details: https://x.test/failures?workflow=a&site=<b>");
    expect(emailContent(recovered).text).toContain("Resolved:  2026-11-29T10:00:00.000Z");
  });
});

describe("alert settings", () => {
  it("default to a minute and the app's own URL", async () => {
    const { alertSettings } = await import("@/lib/jobs/alerts/alert-settings");
    expect(alertSettings({})).toEqual({ evaluationMs: 60_000, publicUrl: "http://localhost:3000" });
    expect(alertSettings({ NEXTAUTH_URL: "https://app.example.test" }).publicUrl).toBe("https://app.example.test");
    expect(
      alertSettings({
        NEXTAUTH_URL: "https://app.example.test",
        CROSSDOCK_PUBLIC_URL: "https://crossdock.example.test",
        ALERT_EVALUATION_MS: "250",
      }),
    ).toEqual({ evaluationMs: 250, publicUrl: "https://crossdock.example.test" });
    expect(() => alertSettings({ ALERT_EVALUATION_MS: "soon" })).toThrow(/ALERT_EVALUATION_MS/);
  });
});
