import { z } from "zod";
import { ALERT_RULE_KINDS } from "@/lib/domain/alerts/rule";
import { STAGES } from "@/lib/domain/vocabulary";
import { ALERT_CHANNEL_KINDS } from "@/lib/jobs/alerts/channel-config";
import {
  optionalKind,
  optionalText,
  replayConcurrency,
  replayEndpoint,
  replayRatePerSecond,
  replayTimeoutMs,
  siteSlas,
  slaMinutes,
  systemKind,
  systemName,
  workflowName,
} from "@/lib/services/catalogue-fields";
import { saveSiteSchema } from "@/lib/services/save-site";

// The catalogue file (`npm run catalogue:apply -- catalogue.yaml`): the same field rules as
// the admin forms (lib/services/catalogue-fields.ts), in snake_case. Objects are strict, so
// a misspelt key is an error rather than a setting silently ignored. A field left out of an
// entry leaves that setting as it is in the database (or at its default for a new entry);
// `null` clears it.

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const site = z.strictObject({ code: saveSiteSchema.shape.code, name: saveSiteSchema.shape.name });

const system = z.strictObject({
  name: systemName,
  kind: systemKind,
  site: z.string().trim().min(1).max(100).nullable().optional(),
  replay_endpoint: replayEndpoint.optional(),
  // The Authorization header replays send, read from this environment variable when the
  // file is applied: secrets never sit in the file.
  replay_auth_header_env: z
    .string()
    .regex(ENV_NAME, "Name an environment variable, e.g. MIDDLEWARE_REPLAY_AUTH.")
    .nullable()
    .optional(),
  replay_timeout_ms: replayTimeoutMs.optional(),
  record_check_url: replayEndpoint.optional(),
  replay_concurrency: replayConcurrency.optional(),
  replay_rate_per_second: replayRatePerSecond.optional(),
});

const workflow = z.strictObject({
  name: workflowName,
  description: optionalText(500).optional(),
  source: optionalKind.optional(),
  target: optionalKind.optional(),
  owner: optionalText(200).optional(),
  system_of_record: optionalKind.optional(),
  sla_minutes: slaMinutes.optional(),
  // the complete set of per-site SLAs: a site left out goes back to sla_minutes
  site_slas: siteSlas.optional(),
});

const cloudEventType = z.strictObject({
  type: z.string().trim().min(1, "Enter the CloudEvents type.").max(200, "A type has at most 200 characters."),
  workflow: workflowName,
  stage: z
    .enum(STAGES, { message: `Choose a stage (${STAGES.join(", ")}) or leave it out.` })
    .nullable()
    .default(null),
});

const envName = z.string().regex(ENV_NAME, "Name an environment variable, e.g. OPS_WEBHOOK_URL.");

// Where alert notifications go. The webhook URL (it carries its token) and the SMTP
// password are secrets: named by environment variable, like replay auth headers.
const alertChannel = z.strictObject({
  name: z.string().trim().min(1, "Name the channel.").max(100),
  kind: z.enum(ALERT_CHANNEL_KINDS, { message: `Choose one of: ${ALERT_CHANNEL_KINDS.join(", ")}.` }),
  url_env: envName.optional(),
  host: z.string().trim().min(1).max(255).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  secure: z.boolean().optional(),
  user: z.string().trim().max(255).nullable().optional(),
  password_env: envName.optional(),
  from: z.string().trim().min(3).max(255).optional(),
  to: z.array(z.email("Enter an email address.")).min(1).max(20).optional(),
  enabled: z.boolean().optional(),
});

const alertRule = z.strictObject({
  name: z.string().trim().min(1, "Name the rule.").max(100),
  kind: z.enum(ALERT_RULE_KINDS, { message: `Choose one of: ${ALERT_RULE_KINDS.join(", ")}.` }),
  workflow: z.string().trim().min(1).max(100).nullable().optional(),
  site: z.string().trim().min(1).max(100).nullable().optional(),
  system: z.string().trim().min(1).max(100).nullable().optional(),
  threshold: z.number().min(0).max(1e12).nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "Enter a three-letter currency code such as USD.")
    .nullable()
    .optional(),
  window_minutes: z.number().int().min(1).max(10_080).optional(),
  min_count: z.number().int().min(0).max(1_000_000).optional(),
  repeat_minutes: z.number().int().min(0).max(10_080).optional(),
  enabled: z.boolean().optional(),
  // channel names, the complete set when given
  channels: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
});

// Entries are keyed by name; the same name twice is a mistake the file's author must settle.
function uniqueBy<T>(key: (item: T) => string, what: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: "custom", path: [index], message: `${what} ${k} is listed twice.` });
      seen.add(k);
    });
  };
}

export const catalogueFileSchema = z.strictObject({
  sites: z
    .array(site)
    .default([])
    .superRefine(uniqueBy((s) => s.code, "The site")),
  systems: z
    .array(system)
    .default([])
    .superRefine(uniqueBy((s) => s.name, "The system")),
  workflows: z
    .array(workflow)
    .default([])
    .superRefine(uniqueBy((w) => w.name, "The workflow")),
  cloudevent_types: z
    .array(cloudEventType)
    .default([])
    .superRefine(uniqueBy((c) => c.type, "The CloudEvents type")),
  alert_channels: z
    .array(alertChannel)
    .default([])
    .superRefine(uniqueBy((c) => c.name, "The alert channel")),
  alert_rules: z
    .array(alertRule)
    .default([])
    .superRefine(uniqueBy((r) => r.name, "The alert rule")),
});

export type CatalogueFile = z.infer<typeof catalogueFileSchema>;
export type CatalogueSite = CatalogueFile["sites"][number];
export type CatalogueSystem = CatalogueFile["systems"][number];
export type CatalogueWorkflow = CatalogueFile["workflows"][number];
export type CatalogueCloudEventType = CatalogueFile["cloudevent_types"][number];
export type CatalogueAlertChannel = CatalogueFile["alert_channels"][number];
export type CatalogueAlertRule = CatalogueFile["alert_rules"][number];
