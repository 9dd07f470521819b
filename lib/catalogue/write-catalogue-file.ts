import { stringify } from "yaml";
import type { CatalogueFile } from "./catalogue-schema";
import type { CurrentCatalogue } from "./read-catalogue";

// `npm run catalogue:export`: the registered catalogue (and the alert channels and rules) as a file that `catalogue:apply`
// takes back unchanged. Entries first seen at ingest and not yet registered are left out
// (applying them would register them); empty fields are left out (apply leaves a field
// that is not in the file as it is). Secrets cannot be exported: a system with a replay
// auth header gets a comment asking for the variable that holds it.

export function toCatalogueFile(current: CurrentCatalogue): CatalogueFile {
  return {
    sites: current.sites.filter((s) => s.registered).map((s) => ({ code: s.code, name: s.name })),
    systems: current.systems.map((s) =>
      withoutEmpty({
        name: s.name,
        kind: s.kind as CatalogueFile["systems"][number]["kind"],
        site: s.site,
        replay_endpoint: s.replay_endpoint,
        replay_timeout_ms: s.replay_timeout_ms,
        record_check_url: s.record_check_url,
        replay_concurrency: s.replay_concurrency,
        replay_rate_per_second: s.replay_rate_per_second,
      }),
    ),
    workflows: current.workflows
      .filter((w) => w.registered)
      .map((w) =>
        withoutEmpty({
          name: w.name,
          description: w.description,
          source: w.source as CatalogueFile["workflows"][number]["source"],
          target: w.target as CatalogueFile["workflows"][number]["target"],
          owner: w.owner,
          system_of_record: w.system_of_record as CatalogueFile["workflows"][number]["system_of_record"],
          sla_minutes: w.sla_minutes,
          site_slas: Object.keys(w.site_slas).length > 0 ? w.site_slas : undefined,
        }),
      ),
    cloudevent_types: current.cloudevent_types.map((c) =>
      withoutEmpty({
        type: c.type,
        workflow: c.workflow,
        stage: c.stage as CatalogueFile["cloudevent_types"][number]["stage"],
      }),
    ),
    alert_channels: current.alert_channels.map((c) => {
      const email: Record<string, unknown> = c.kind === "email" ? c.settings : {};
      return withoutEmpty({
        name: c.name,
        kind: c.kind as CatalogueFile["alert_channels"][number]["kind"],
        host: email.host as string | undefined,
        port: email.port as number | undefined,
        secure: email.secure as boolean | undefined,
        user: email.user as string | null | undefined,
        from: email.from as string | undefined,
        to: email.to as string[] | undefined,
        enabled: c.enabled,
      });
    }),
    alert_rules: current.alert_rules.map((r) =>
      withoutEmpty({
        name: r.name,
        kind: r.kind as CatalogueFile["alert_rules"][number]["kind"],
        workflow: r.workflow,
        site: r.site,
        system: r.system,
        threshold: r.threshold,
        currency: r.currency,
        window_minutes: r.window_minutes,
        min_count: r.min_count,
        repeat_minutes: r.repeat_minutes,
        enabled: r.enabled,
        channels: r.channels,
      }),
    ),
  };
}

export function writeCatalogueFile(current: CurrentCatalogue): string {
  const sealed = current.systems.filter((s) => s.replay_auth_header_sealed).map((s) => s.name);
  const channels = current.alert_channels.filter((c) => c.secret_sealed).map((c) => c.name);
  const header = [
    "# Crossdock catalogue: sites, systems, workflows (SLAs, per-site SLAs), CloudEvents types and alerts.",
    "# Apply with: npm run catalogue:apply -- <this file>   (--dry-run: show the changes only)",
    ...(sealed.length > 0
      ? [
          `# Replay auth headers are set on ${sealed.join(", ")} but never exported: to manage one from`,
          "# this file, add `replay_auth_header_env: <VARIABLE>` to the system and set that variable.",
        ]
      : []),
    ...(channels.length > 0
      ? [
          `# Alert channel secrets (webhook URL, SMTP password) are set on ${channels.join(", ")} but never`,
          "# exported: add `url_env: <VARIABLE>` (email: `password_env`) to manage one from this file.",
        ]
      : []),
  ];
  return `${header.join("\n")}\n${stringify(toCatalogueFile(current), { lineWidth: 0 })}`;
}

function withoutEmpty<T extends Record<string, unknown>>(entry: T): T {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== null && v !== undefined)) as T;
}
