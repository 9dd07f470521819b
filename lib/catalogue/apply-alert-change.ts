import type { Pool } from "pg";
import type { Actor } from "@/lib/auth/actor";
import { createAlertChannelSchema, updateAlertChannelSchema } from "@/lib/services/alerts/alert-channel-schema";
import { createAlertRuleSchema, updateAlertRuleSchema } from "@/lib/services/alerts/alert-rule-schema";
import { createAlertChannel, updateAlertChannel } from "@/lib/services/alerts/save-alert-channel";
import { createAlertRule, updateAlertRule } from "@/lib/services/alerts/save-alert-rule";
import type { CatalogueFile } from "./catalogue-schema";
import type { CatalogueChange } from "./plan-catalogue";
import type { CurrentCatalogue } from "./read-catalogue";

// One alert channel or rule of a catalogue file, made through the Admin -> Alerts services.
// Those take a whole channel or rule, so the file's fields go over the stored ones (or the
// form's defaults, for a new one) and the result is checked by the form's own schema.

export async function applyAlertChange(
  pool: Pool,
  actor: Actor,
  file: CatalogueFile,
  current: CurrentCatalogue,
  change: CatalogueChange,
  env: Record<string, string | undefined>,
): Promise<void> {
  const changed = new Set(change.fields.map((f) => f.field));
  if (change.kind === "alert_channel") {
    const c = file.alert_channels.find((x) => x.name === change.key)!;
    const now = current.alert_channels.find((x) => x.name === c.name);
    const settings = (now?.settings ?? {}) as Record<string, unknown>;
    const secret = (variable: string | undefined) => (variable ? env[variable]!.trim() : null);
    const fields = {
      name: c.name,
      kind: c.kind,
      // null keeps the stored secret
      url: changed.has("url") ? secret(c.url_env) : null,
      password: changed.has("password") ? secret(c.password_env) : null,
      host: c.host ?? settings.host ?? null,
      port: c.port ?? settings.port ?? null,
      secure: c.secure ?? settings.secure ?? false,
      user: c.user !== undefined ? c.user : (settings.user ?? null),
      from: c.from ?? settings.from ?? null,
      to: c.to ?? settings.to ?? [],
      enabled: c.enabled ?? now?.enabled ?? true,
    };
    if (now) await updateAlertChannel(pool, actor, updateAlertChannelSchema.parse({ id: now.id, ...fields }));
    else await createAlertChannel(pool, actor, createAlertChannelSchema.parse(fields));
    return;
  }
  const r = file.alert_rules.find((x) => x.name === change.key)!;
  const now = current.alert_rules.find((x) => x.name === r.name);
  const channelNames = r.channels ?? now?.channels ?? [];
  // Channels the same run created have ids only now.
  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM alert_channels WHERE name = ANY($1::text[])`, [
    channelNames,
  ]);
  const pick = <T>(fromFile: T | undefined, stored: T | undefined, fallback: T): T =>
    fromFile !== undefined ? fromFile : stored !== undefined ? stored : fallback;
  const fields = {
    name: r.name,
    kind: r.kind,
    workflow: pick(r.workflow, now?.workflow, null),
    site: pick(r.site, now?.site, null),
    system: pick(r.system, now?.system, null),
    threshold: pick(r.threshold, now?.threshold, null),
    currency: pick(r.currency, now?.currency, null),
    windowMinutes: pick(r.window_minutes, now?.window_minutes, 15),
    minCount: pick(r.min_count, now?.min_count, 10),
    repeatMinutes: pick(r.repeat_minutes, now?.repeat_minutes, 60),
    enabled: pick(r.enabled, now?.enabled, true),
    channelIds: rows.map((row) => row.id),
  };
  if (now) await updateAlertRule(pool, actor, updateAlertRuleSchema.parse({ id: now.id, ...fields }));
  else await createAlertRule(pool, actor, createAlertRuleSchema.parse(fields));
}
