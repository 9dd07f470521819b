import { describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

import {
  createAlertChannelAction,
  createAlertRuleAction,
  deleteAlertChannelAction,
  deleteAlertRuleAction,
  sendTestNotificationAction,
  setAlertRuleEnabledAction,
  updateAlertChannelAction,
  updateAlertRuleAction,
} from "@/app/admin/alerts/actions";
import AlertsAdminPage from "@/app/admin/alerts/page";
import AlertHistoryPage from "@/app/alerts/page";
import { listAlertChannels, listAlertRules } from "@/lib/queries/alerts/list-alert-config";
import { listAlertHistory } from "@/lib/queries/alerts/list-alert-history";
import { useWebhookSink } from "../helpers/alert-sinks";
import { allowLocalTargets } from "../helpers/local-targets";
import { setTestSecretKey } from "../helpers/secret-key";
import { pageOutcome, useRoleUsers, type Who } from "../helpers/session";
import { useTestDatabase } from "../helpers/test-database";

// The alert screens through their server actions and pages: who may do what (admins
// manage, engineers read the history), validation at the edge, audit rows without
// secrets, and what the lists and the history show.

allowLocalTargets();
setTestSecretKey();
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const db = useTestDatabase({ catalogue: true });
const { signIn: as } = useRoleUsers(db);
const webhook = useWebhookSink();

const WHO: Who[] = ["anonymous", "viewer", "warehouse_manager", "finance", "engineer", "admin"];

describe("access", () => {
  const expected: Record<string, Record<Exclude<Who, "anonymous" | "warehouse_manager_east">, number>> = {
    "/admin/alerts": { viewer: 403, warehouse_manager: 403, finance: 403, engineer: 403, admin: 200 },
    "/alerts": { viewer: 403, warehouse_manager: 403, finance: 403, engineer: 200, admin: 200 },
  };
  const pages: [string, () => Promise<unknown>][] = [
    ["/admin/alerts", () => AlertsAdminPage()],
    ["/alerts", () => AlertHistoryPage()],
  ];
  for (const [path, render] of pages) {
    for (const who of WHO) {
      const want = who === "anonymous" ? "signin" : expected[path]![who as "viewer"];
      it(`${path} as ${who} -> ${want}`, async () => {
        as(who);
        expect(await pageOutcome(render)).toBe(want);
      });
    }
  }

  it("only admins may change rules and channels or send tests", async () => {
    for (const who of ["anonymous", "viewer", "engineer"] as const) {
      as(who);
      const want = who === "anonymous" ? 401 : 403;
      expect(await createAlertChannelAction({ name: "x", kind: "webhook", url: "http://127.0.0.1:9/x" })).toMatchObject(
        { ok: false, status: want },
      );
      expect(
        await createAlertRuleAction({ name: "x", kind: "stuck_count", workflow: "returns", threshold: 1 }),
      ).toMatchObject({ ok: false, status: want });
      expect(await sendTestNotificationAction({ id: 1 })).toMatchObject({ ok: false, status: want });
      expect(await deleteAlertRuleAction({ id: 1 })).toMatchObject({ ok: false, status: want });
    }
    expect((await db.pool.query("SELECT 1 FROM alert_channels UNION ALL SELECT 1 FROM alert_rules")).rowCount).toBe(0);
  });
});

describe("managing channels and rules", () => {
  it("validates what each kind needs, with field paths", async () => {
    as("admin");
    const noUrl = await createAlertChannelAction({ name: "hook", kind: "webhook" });
    expect(noUrl).toMatchObject({ ok: false, status: 400, fieldErrors: { url: expect.any(String) } });
    const badMail = await createAlertChannelAction({
      name: "mail",
      kind: "email",
      host: "smtp.example.test",
      port: "587",
      from: "a@example.test",
      to: "not-an-address",
    });
    expect(badMail).toMatchObject({ ok: false, status: 400, fieldErrors: { "to.0": expect.any(String) } });
    const noCurrency = await createAlertRuleAction({
      name: "value",
      kind: "stuck_value",
      workflow: "shipment_confirmation",
      threshold: "1000",
    });
    expect(noCurrency).toMatchObject({ ok: false, status: 400, fieldErrors: { currency: expect.any(String) } });
    const noSystem = await createAlertRuleAction({ name: "silent", kind: "no_traffic" });
    expect(noSystem).toMatchObject({ ok: false, status: 400, fieldErrors: { system: expect.any(String) } });
    const unknown = await createAlertRuleAction({
      name: "x",
      kind: "stuck_count",
      workflow: "no_such_flow",
      threshold: "1",
    });
    expect(unknown).toMatchObject({ ok: false, status: 400, message: "There is no workflow no_such_flow." });
  });

  it("creates, edits, switches and deletes, with audit rows that never hold a secret", async () => {
    as("admin");
    const hook = await createAlertChannelAction({
      name: "ops hook",
      kind: "webhook",
      url: `${webhook.url}/hook/SECRET-TOKEN`,
    });
    expect(hook.ok).toBe(true);
    const channelId = hook.ok ? hook.data.id : 0;
    const rule = await createAlertRuleAction({
      name: "Stuck shipments",
      kind: "stuck_count",
      workflow: "shipment_confirmation",
      site: "east",
      threshold: "5",
      channelIds: [String(channelId)],
    });
    expect(rule.ok).toBe(true);
    const ruleId = rule.ok ? rule.data.id : 0;
    expect(
      await createAlertRuleAction({
        name: "Stuck shipments",
        kind: "stuck_count",
        workflow: "returns",
        threshold: "1",
      }),
    ).toMatchObject({ ok: false, status: 409 });

    // An edit with the URL left blank keeps it.
    expect(
      await updateAlertChannelAction({ id: channelId, name: "ops webhook", kind: "webhook", url: "" }),
    ).toMatchObject({ ok: true });
    const test = await sendTestNotificationAction({ id: channelId });
    expect(test).toEqual({ ok: true, data: { ok: true, response: "HTTP 200 ok" } });
    expect(webhook.requests.at(-1)).toMatchObject({ path: "/hook/SECRET-TOKEN", body: { event: "test" } });

    expect(
      await updateAlertRuleAction({
        id: ruleId,
        name: "Stuck shipments east",
        kind: "stuck_count",
        workflow: "shipment_confirmation",
        site: "east",
        threshold: "3",
        repeatMinutes: "30",
        channelIds: [String(channelId)],
      }),
    ).toMatchObject({ ok: true });
    expect(await setAlertRuleEnabledAction({ id: ruleId, enabled: false })).toMatchObject({ ok: true });

    const [channels, rules] = await Promise.all([listAlertChannels(db.pool), listAlertRules(db.pool)]);
    expect(channels).toEqual([
      expect.objectContaining({
        name: "ops webhook",
        kind: "webhook",
        urlHint: `${webhook.url}/…`,
        rules: 1,
        email: null,
      }),
    ]);
    expect(rules).toEqual([
      expect.objectContaining({
        name: "Stuck shipments east",
        threshold: 3,
        repeatMinutes: 30,
        site: "east",
        enabled: false,
        channelIds: [channelId],
        open: null,
      }),
    ]);

    expect(await deleteAlertRuleAction({ id: ruleId })).toMatchObject({ ok: true });
    expect(await deleteAlertChannelAction({ id: channelId })).toMatchObject({ ok: true });
    const audit = await db.pool.query<{ action: string; actor: string; text: string }>(
      "SELECT action, actor, coalesce(before::text, '') || coalesce(after::text, '') AS text FROM audit_log WHERE action LIKE 'alert_%' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      "alert_channel.create",
      "alert_rule.create",
      "alert_channel.update",
      "alert_rule.update",
      "alert_rule.update",
      "alert_rule.delete",
      "alert_channel.delete",
    ]);
    expect(audit.rows.every((r) => r.actor === "admin@example.com")).toBe(true);
    expect(audit.rows.map((r) => r.text).join()).not.toContain("SECRET-TOKEN");
  });
});

describe("history", () => {
  it("lists open alerts first, with each notification's delivery outcome", async () => {
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO alerts (rule_name, opened_at, resolved_at, last_notified_at) VALUES
         ('old resolved', '2026-11-01T10:00Z', '2026-11-01T11:00Z', '2026-11-01T10:00Z'),
         ('open one', '2026-11-02T10:00Z', NULL, '2026-11-02T10:00Z'),
         ('new resolved', '2026-11-03T10:00Z', '2026-11-03T10:30Z', '2026-11-03T10:00Z')
       RETURNING id::text`,
    );
    await db.pool.query(
      `INSERT INTO alert_notifications (alert_id, channel_name, event, message, status, attempts, error, created_at)
       VALUES ($1, 'pager hook', 'fired', '{"summary": "12 of 20 failed", "link": "https://x.test/failures"}', 'failed', 2, 'HTTP 503 unavailable', '2026-11-02T10:00Z')`,
      [rows[1]!.id],
    );
    const history = await listAlertHistory(db.pool);
    expect(history.map((a) => a.rule)).toEqual(["open one", "new resolved", "old resolved"]);
    expect(history[0]).toMatchObject({
      summary: "12 of 20 failed",
      link: "https://x.test/failures",
      notifications: [
        { channel: "pager hook", event: "fired", status: "failed", attempts: 2, error: "HTTP 503 unavailable" },
      ],
    });
  });
});
