import type { Pool } from "pg";

// Alert history: open alerts first (oldest first: longest burning), then the most recent
// resolved ones, each with every notification sent for it and how its delivery went.

export interface AlertNotificationItem {
  id: string;
  channel: string;
  event: "fired" | "repeated" | "recovered";
  status: "pending" | "sending" | "sent" | "failed";
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  response: string | null;
  error: string | null;
}

export interface AlertHistoryItem {
  id: string;
  rule: string;
  ruleId: number | null;
  openedAt: Date;
  resolvedAt: Date | null;
  value: number | null;
  threshold: number | null;
  summary: string | null;
  link: string | null;
  notifications: AlertNotificationItem[];
}

export async function listAlertHistory(pool: Pool, limit = 100): Promise<AlertHistoryItem[]> {
  const { rows } = await pool.query<{
    id: string;
    rule_name: string;
    rule_id: number | null;
    opened_at: Date;
    resolved_at: Date | null;
    value: number | null;
    threshold: number | null;
    notifications:
      | {
          id: string;
          channel: string;
          event: AlertNotificationItem["event"];
          status: AlertNotificationItem["status"];
          attempts: number;
          created_at: string;
          sent_at: string | null;
          response: string | null;
          error: string | null;
          summary: string | null;
          link: string | null;
        }[]
      | null;
  }>(
    `SELECT a.id::text, a.rule_name, a.rule_id, a.opened_at, a.resolved_at, a.value, a.threshold,
            (SELECT json_agg(json_build_object('id', n.id::text, 'channel', n.channel_name, 'event', n.event, 'status', n.status, 'attempts', n.attempts,
                     'created_at', n.created_at, 'sent_at', n.sent_at, 'response', n.response, 'error', n.error,
                     'summary', n.message->>'summary', 'link', n.message->>'link') ORDER BY n.id)
             FROM alert_notifications n WHERE n.alert_id = a.id) AS notifications
     FROM alerts a
     ORDER BY a.resolved_at IS NULL DESC, CASE WHEN a.resolved_at IS NULL THEN a.opened_at END ASC, a.opened_at DESC
     LIMIT $1`,
    [limit],
  );
  return rows.map((r) => {
    const ns = r.notifications ?? [];
    const latest = ns.at(-1);
    return {
      id: r.id,
      rule: r.rule_name,
      ruleId: r.rule_id,
      openedAt: r.opened_at,
      resolvedAt: r.resolved_at,
      value: r.value,
      threshold: r.threshold,
      summary: latest?.summary ?? null,
      link: latest?.link ?? null,
      notifications: ns.map((n) => ({
        id: n.id,
        channel: n.channel,
        event: n.event,
        status: n.status,
        attempts: n.attempts,
        createdAt: new Date(n.created_at),
        sentAt: n.sent_at ? new Date(n.sent_at) : null,
        response: n.response,
        error: n.error,
      })),
    };
  });
}
