import type { Pool } from "pg";

// The catalogue as the database holds it, in the file's terms: what `catalogue:export`
// writes and what `catalogue:apply` compares the file with. Secrets stay sealed: a system
// says only whether it has a replay auth header (and the ciphertext, for apply to compare).

export interface CurrentSite {
  code: string;
  name: string;
  registered: boolean;
}

export interface CurrentSystem {
  name: string;
  kind: string;
  site: string | null;
  replay_endpoint: string | null;
  replay_auth_header_sealed: string | null;
  replay_timeout_ms: number;
  record_check_url: string | null;
  replay_concurrency: number;
  replay_rate_per_second: number;
}

export interface CurrentWorkflow {
  id: number;
  name: string;
  description: string | null;
  source: string | null;
  target: string | null;
  owner: string | null;
  system_of_record: string | null;
  sla_minutes: number;
  site_slas: Record<string, number>;
  registered: boolean;
}

export interface CurrentCloudEventType {
  type: string;
  workflow: string;
  stage: string | null;
}

export interface CurrentAlertChannel {
  id: number;
  name: string;
  kind: string;
  // webhook/slack: { urlHint }; email: host, port, secure, user, from, to
  settings: Record<string, unknown>;
  secret_sealed: string | null;
  enabled: boolean;
}

export interface CurrentAlertRule {
  id: number;
  name: string;
  kind: string;
  workflow: string | null;
  site: string | null;
  system: string | null;
  threshold: number | null;
  currency: string | null;
  window_minutes: number;
  min_count: number;
  repeat_minutes: number;
  enabled: boolean;
  channels: string[];
}

export interface CurrentCatalogue {
  sites: CurrentSite[];
  systems: (CurrentSystem & { id: number })[];
  workflows: CurrentWorkflow[];
  cloudevent_types: CurrentCloudEventType[];
  alert_channels: CurrentAlertChannel[];
  alert_rules: CurrentAlertRule[];
}

export async function readCatalogue(pool: Pool): Promise<CurrentCatalogue> {
  const [sites, systems, workflows, types, channels, rules] = await Promise.all([
    pool.query<CurrentSite>(`SELECT code, name, registered FROM sites ORDER BY code COLLATE "C"`),
    pool.query<CurrentSystem & { id: number }>(
      `SELECT s.id, s.name, s.kind, sites.code AS site, s.replay_endpoint, s.replay_auth_header AS replay_auth_header_sealed,
              s.replay_timeout_ms, s.record_check_url, s.replay_concurrency, s.replay_rate_per_second
       FROM systems s LEFT JOIN sites ON sites.id = s.site_id ORDER BY s.name COLLATE "C"`,
    ),
    pool.query<CurrentWorkflow>(
      `SELECT w.id, w.name, w.description, w.source_kind AS source, w.target_kind AS target, w.owner,
              w.system_of_record, w.sla_minutes, w.registered,
              coalesce((SELECT jsonb_object_agg(s.code, o.sla_minutes ORDER BY s.code COLLATE "C")
                        FROM workflow_site_slas o JOIN sites s ON s.id = o.site_id WHERE o.workflow_id = w.id), '{}') AS site_slas
       FROM workflows w ORDER BY w.name COLLATE "C"`,
    ),
    pool.query<CurrentCloudEventType>(
      `SELECT c.type, w.name AS workflow, c.stage FROM cloudevent_types c JOIN workflows w ON w.id = c.workflow_id
       ORDER BY c.type COLLATE "C"`,
    ),
    pool.query<CurrentAlertChannel>(
      `SELECT id, name, kind, settings, secret AS secret_sealed, enabled FROM alert_channels ORDER BY name COLLATE "C"`,
    ),
    pool.query<CurrentAlertRule>(
      `SELECT r.id, r.name, r.kind, w.name AS workflow, s.code AS site, sy.name AS system, r.threshold::float8 AS threshold,
              r.currency::text AS currency, r.window_minutes, r.min_count, r.repeat_minutes, r.enabled,
              coalesce((SELECT array_agg(c.name ORDER BY c.name COLLATE "C") FROM alert_rule_channels rc
                        JOIN alert_channels c ON c.id = rc.channel_id WHERE rc.rule_id = r.id), '{}') AS channels
       FROM alert_rules r LEFT JOIN workflows w ON w.id = r.workflow_id LEFT JOIN sites s ON s.id = r.site_id
       LEFT JOIN systems sy ON sy.id = r.system_id ORDER BY r.name COLLATE "C"`,
    ),
  ]);
  return {
    sites: sites.rows,
    systems: systems.rows,
    workflows: workflows.rows,
    cloudevent_types: types.rows,
    alert_channels: channels.rows,
    alert_rules: rules.rows,
  };
}
