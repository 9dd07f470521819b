import type { Pool } from "pg";
import type { AlertRuleKind } from "@/lib/domain/alerts/rule";

// The alert rules and channels as the admin page lists them. Channel secrets never leave
// the database: a webhook shows where it points (urlHint), an email channel whether a
// password is set.

export interface AlertChannelListItem {
  id: number;
  name: string;
  kind: "webhook" | "slack" | "email";
  enabled: boolean;
  urlHint: string | null;
  email: {
    host: string;
    port: number;
    secure: boolean;
    user: string | null;
    from: string;
    to: string[];
    passwordSet: boolean;
  } | null;
  rules: number;
  lastOutcome: { status: string; at: Date; detail: string | null } | null;
}

export interface AlertRuleListItem {
  id: number;
  name: string;
  kind: AlertRuleKind;
  workflow: string | null;
  site: string | null;
  system: string | null;
  threshold: number | null;
  currency: string | null;
  windowMinutes: number;
  minCount: number;
  repeatMinutes: number;
  enabled: boolean;
  channelIds: number[];
  open: { since: Date; value: number | null } | null;
}

export async function listAlertChannels(pool: Pool): Promise<AlertChannelListItem[]> {
  const { rows } = await pool.query<{
    id: number;
    name: string;
    kind: AlertChannelListItem["kind"];
    enabled: boolean;
    settings: Record<string, unknown>;
    has_secret: boolean;
    rules: number;
    last_status: string | null;
    last_at: Date | null;
    last_detail: string | null;
  }>(
    `SELECT c.id, c.name, c.kind, c.enabled, c.settings, c.secret IS NOT NULL AS has_secret,
            (SELECT count(*)::int FROM alert_rule_channels rc WHERE rc.channel_id = c.id) AS rules,
            n.status AS last_status, coalesce(n.sent_at, n.created_at) AS last_at, coalesce(n.error, n.response) AS last_detail
     FROM alert_channels c
     LEFT JOIN LATERAL (SELECT * FROM alert_notifications WHERE channel_id = c.id ORDER BY id DESC LIMIT 1) n ON true
     ORDER BY c.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled,
    urlHint: r.kind === "email" ? null : ((r.settings.urlHint as string | undefined) ?? null),
    email:
      r.kind === "email"
        ? {
            host: String(r.settings.host ?? ""),
            port: Number(r.settings.port ?? 0),
            secure: r.settings.secure === true,
            user: (r.settings.user as string | null) ?? null,
            from: String(r.settings.from ?? ""),
            to: (r.settings.to as string[] | undefined) ?? [],
            passwordSet: r.has_secret,
          }
        : null,
    rules: r.rules,
    lastOutcome: r.last_status && r.last_at ? { status: r.last_status, at: r.last_at, detail: r.last_detail } : null,
  }));
}

export async function listAlertRules(pool: Pool): Promise<AlertRuleListItem[]> {
  const { rows } = await pool.query<{
    id: number;
    name: string;
    kind: AlertRuleKind;
    workflow: string | null;
    site: string | null;
    system: string | null;
    threshold: number | null;
    currency: string | null;
    window_minutes: number;
    min_count: number;
    repeat_minutes: number;
    enabled: boolean;
    channel_ids: number[];
    opened_at: Date | null;
    value: number | null;
  }>(
    `SELECT r.id, r.name, r.kind, w.name AS workflow, s.code AS site, sy.name AS system, r.threshold::float8 AS threshold, r.currency::text AS currency,
            r.window_minutes, r.min_count, r.repeat_minutes, r.enabled,
            coalesce((SELECT array_agg(channel_id ORDER BY channel_id) FROM alert_rule_channels WHERE rule_id = r.id), '{}') AS channel_ids,
            a.opened_at, a.value
     FROM alert_rules r
     LEFT JOIN workflows w ON w.id = r.workflow_id
     LEFT JOIN sites s ON s.id = r.site_id
     LEFT JOIN systems sy ON sy.id = r.system_id
     LEFT JOIN alerts a ON a.rule_id = r.id AND a.resolved_at IS NULL
     ORDER BY r.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    workflow: r.workflow,
    site: r.site,
    system: r.system,
    threshold: r.threshold,
    currency: r.currency,
    windowMinutes: r.window_minutes,
    minCount: r.min_count,
    repeatMinutes: r.repeat_minutes,
    enabled: r.enabled,
    channelIds: r.channel_ids,
    open: r.opened_at ? { since: r.opened_at, value: r.value } : null,
  }));
}
