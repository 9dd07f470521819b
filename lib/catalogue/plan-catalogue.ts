import type { CatalogueFile } from "./catalogue-schema";
import type { FieldPath } from "./parse-catalogue-file";
import type { CurrentCatalogue } from "./read-catalogue";

// What applying a catalogue file would change: compared field by field with the database,
// in the file's own terms, so the printed diff reads like the file. Pure: the database
// state and the secrets' comparison come in; problems come out with the field they are in.

export type EntityKind = "site" | "system" | "workflow" | "cloudevent_type" | "alert_channel" | "alert_rule";

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface CatalogueChange {
  kind: EntityKind;
  key: string;
  action: "create" | "update";
  fields: FieldChange[];
}

export interface CataloguePlan {
  changes: CatalogueChange[];
  // in the database, not in the file: apply leaves them as they are
  notInFile: { kind: EntityKind; key: string }[];
  problems: { path: FieldPath; message: string }[];
}

// Per secret the file names by environment variable (a system's replay auth header, an alert
// channel's webhook URL or SMTP password), keyed "system:<name>" or "alert_channel:<name>":
// whether the variable's value is the one stored now ("same"), another ("changed"), or the
// variable is not set.
export type SecretState = "same" | "changed" | "unset";

// How a secret appears in the diff: never its value.
export const fromEnv = (name: string) => `(from $${name})`;

export function planCatalogue(
  file: CatalogueFile,
  current: CurrentCatalogue,
  secrets: Map<string, SecretState>,
): CataloguePlan {
  const plan: CataloguePlan = { changes: [], notInFile: [], problems: [] };
  const siteCodes = new Set([...current.sites.map((s) => s.code), ...file.sites.map((s) => s.code)]);
  const workflowNames = new Set([...current.workflows.map((w) => w.name), ...file.workflows.map((w) => w.name)]);

  for (const s of file.sites) {
    const now = current.sites.find((c) => c.code === s.code);
    diff(plan, "site", s.code, now, [
      ["name", now?.name, s.name],
      ["registered", now?.registered, now ? true : undefined],
    ]);
  }

  file.systems.forEach((s, i) => {
    const now = current.systems.find((c) => c.name === s.name);
    if (s.site && !siteCodes.has(s.site))
      plan.problems.push({ path: ["systems", i, "site"], message: `There is no site ${s.site}; list it under sites.` });
    const header = s.replay_auth_header_env ? secrets.get(`system:${s.name}`) : undefined;
    if (header === "unset")
      plan.problems.push({
        path: ["systems", i, "replay_auth_header_env"],
        message: `The environment variable ${s.replay_auth_header_env} is not set; it holds the replay auth header.`,
      });
    const headerNow = now?.replay_auth_header_sealed ? "(set)" : null;
    const headerAfter =
      s.replay_auth_header_env === undefined
        ? undefined
        : s.replay_auth_header_env === null
          ? null
          : header === "same"
            ? headerNow
            : fromEnv(s.replay_auth_header_env);
    diff(plan, "system", s.name, now, [
      ["kind", now?.kind, s.kind],
      ["site", now?.site, s.site],
      ["replay_endpoint", now?.replay_endpoint, s.replay_endpoint],
      ["replay_auth_header", now ? headerNow : undefined, headerAfter],
      ["replay_timeout_ms", now?.replay_timeout_ms, s.replay_timeout_ms],
      ["record_check_url", now?.record_check_url, s.record_check_url],
      ["replay_concurrency", now?.replay_concurrency, s.replay_concurrency],
      ["replay_rate_per_second", now?.replay_rate_per_second, s.replay_rate_per_second],
    ]);
  });

  file.workflows.forEach((w, i) => {
    const now = current.workflows.find((c) => c.name === w.name);
    for (const site of Object.keys(w.site_slas ?? {}))
      if (!siteCodes.has(site))
        plan.problems.push({
          path: ["workflows", i, "site_slas", site],
          message: `There is no site ${site}; list it under sites.`,
        });
    diff(plan, "workflow", w.name, now, [
      ["description", now?.description, w.description],
      ["source", now?.source, w.source],
      ["target", now?.target, w.target],
      ["owner", now?.owner, w.owner],
      ["system_of_record", now?.system_of_record, w.system_of_record],
      // a new workflow gets the form's default SLA
      ["sla_minutes", now?.sla_minutes, w.sla_minutes ?? (now ? undefined : 60)],
      ["site_slas", now ? sorted(now.site_slas) : undefined, w.site_slas && sorted(w.site_slas)],
      // one first seen at ingest is registered by being in the file
      ["registered", now?.registered, now ? true : undefined],
    ]);
  });

  file.cloudevent_types.forEach((c, i) => {
    const now = current.cloudevent_types.find((x) => x.type === c.type);
    if (!workflowNames.has(c.workflow))
      plan.problems.push({
        path: ["cloudevent_types", i, "workflow"],
        message: `There is no workflow ${c.workflow}; list it under workflows.`,
      });
    diff(plan, "cloudevent_type", c.type, now, [
      ["workflow", now?.workflow, c.workflow],
      ["stage", now?.stage, c.stage],
    ]);
  });

  planAlerts(plan, file, current, secrets, { siteCodes, workflowNames });

  // Entries first seen at ingest are not the file's to list; registered ones it leaves out are.
  const left = (kind: EntityKind, keys: string[], inFile: Set<string>) =>
    plan.notInFile.push(...keys.filter((k) => !inFile.has(k)).map((key) => ({ kind, key })));
  left(
    "site",
    current.sites.filter((s) => s.registered).map((s) => s.code),
    new Set(file.sites.map((s) => s.code)),
  );
  left(
    "system",
    current.systems.map((s) => s.name),
    new Set(file.systems.map((s) => s.name)),
  );
  left(
    "workflow",
    current.workflows.filter((w) => w.registered).map((w) => w.name),
    new Set(file.workflows.map((w) => w.name)),
  );
  left(
    "cloudevent_type",
    current.cloudevent_types.map((c) => c.type),
    new Set(file.cloudevent_types.map((c) => c.type)),
  );
  left(
    "alert_channel",
    current.alert_channels.map((c) => c.name),
    new Set(file.alert_channels.map((c) => c.name)),
  );
  left(
    "alert_rule",
    current.alert_rules.map((r) => r.name),
    new Set(file.alert_rules.map((r) => r.name)),
  );
  return plan;
}

function planAlerts(
  plan: CataloguePlan,
  file: CatalogueFile,
  current: CurrentCatalogue,
  secrets: Map<string, SecretState>,
  known: { siteCodes: Set<string>; workflowNames: Set<string> },
): void {
  const problem = (path: FieldPath, message: string) => plan.problems.push({ path, message });
  file.alert_channels.forEach((c, i) => {
    const now = current.alert_channels.find((x) => x.name === c.name);
    const at = (field: string): FieldPath => ["alert_channels", i, field];
    if (now && now.kind !== c.kind)
      problem(at("kind"), `The channel is a ${now.kind} channel; a kind cannot change: give the new one another name.`);
    const secretField = c.kind === "email" ? "password_env" : "url_env";
    const variable = c.kind === "email" ? c.password_env : c.url_env;
    const state = variable ? secrets.get(`alert_channel:${c.name}`) : undefined;
    if (state === "unset") problem(at(secretField), `The environment variable ${variable} is not set.`);
    if (!now && c.kind !== "email" && !c.url_env)
      problem(["alert_channels", i], "Name the variable that holds the webhook URL: url_env.");
    if (!now && c.kind === "email")
      for (const f of ["host", "port", "from", "to"] as const)
        if (c[f] === undefined) problem(["alert_channels", i], `An email channel needs ${f}.`);
    if (c.kind !== "email")
      for (const f of ["host", "port", "secure", "user", "password_env", "from", "to"] as const)
        if (c[f] !== undefined) problem(at(f), `Only email channels have ${f}.`);
    if (c.kind === "email" && c.url_env !== undefined) problem(at("url_env"), "Email channels have no url_env.");
    const secretNow = now?.secret_sealed ? "(set)" : null;
    const secretAfter = variable ? (state === "same" ? secretNow : fromEnv(variable)) : undefined;
    const settings = now?.settings ?? {};
    diff(plan, "alert_channel", c.name, now, [
      ["kind", now?.kind, c.kind],
      [c.kind === "email" ? "password" : "url", now ? secretNow : undefined, secretAfter],
      ["host", settings.host, c.host],
      ["port", settings.port, c.port],
      ["secure", settings.secure, c.secure],
      ["user", settings.user, c.user],
      ["from", settings.from, c.from],
      ["to", settings.to, c.to],
      ["enabled", now?.enabled, c.enabled],
    ]);
  });

  const channelNames = new Set([...current.alert_channels, ...file.alert_channels].map((c) => c.name));
  const systemNames = new Set([...current.systems, ...file.systems].map((s) => s.name));
  file.alert_rules.forEach((r, i) => {
    const now = current.alert_rules.find((x) => x.name === r.name);
    const at = (field: string): FieldPath => ["alert_rules", i, field];
    // What the rule will be: the file's fields over the stored ones (or the form's defaults).
    const merged = {
      workflow: r.workflow !== undefined ? r.workflow : (now?.workflow ?? null),
      site: r.site !== undefined ? r.site : (now?.site ?? null),
      system: r.system !== undefined ? r.system : (now?.system ?? null),
      threshold: r.threshold !== undefined ? r.threshold : (now?.threshold ?? null),
      currency: r.currency !== undefined ? r.currency : (now?.currency ?? null),
    };
    if (r.kind === "no_traffic" && !merged.system)
      problem(at("system"), "Name the source system that must keep sending.");
    if (r.kind === "no_traffic" && (r.workflow || r.site))
      problem(at(r.workflow ? "workflow" : "site"), "A no_traffic rule watches a system: leave workflow and site out.");
    if (r.kind !== "no_traffic" && r.system) problem(at("system"), "Only no_traffic rules watch a system.");
    if (r.kind !== "no_traffic" && !merged.workflow) problem(at("workflow"), "Name the workflow to watch.");
    if (r.kind !== "no_traffic" && r.kind !== "p95_latency" && merged.threshold === null)
      problem(at("threshold"), "Give a threshold.");
    if (r.kind === "failure_rate" && merged.threshold !== null && merged.threshold > 100)
      problem(at("threshold"), "A failure rate threshold is a percentage from 0 to 100.");
    if (r.kind === "stuck_value" && !merged.currency)
      problem(at("currency"), "Give the currency the value is counted in, such as USD.");
    if (r.workflow && !known.workflowNames.has(r.workflow))
      problem(at("workflow"), `There is no workflow ${r.workflow}; list it under workflows.`);
    if (r.site && !known.siteCodes.has(r.site)) problem(at("site"), `There is no site ${r.site}; list it under sites.`);
    if (r.system && !systemNames.has(r.system))
      problem(at("system"), `There is no system ${r.system}; list it under systems.`);
    (r.channels ?? []).forEach((name, j) => {
      if (!channelNames.has(name))
        problem(["alert_rules", i, "channels", j], `There is no alert channel ${name}; list it under alert_channels.`);
    });
    diff(plan, "alert_rule", r.name, now, [
      ["kind", now?.kind, r.kind],
      ["workflow", now?.workflow, r.workflow],
      ["site", now?.site, r.site],
      ["system", now?.system, r.system],
      ["threshold", now?.threshold, r.threshold],
      ["currency", now?.currency, r.currency],
      ["window_minutes", now?.window_minutes, r.window_minutes],
      ["min_count", now?.min_count, r.min_count],
      ["repeat_minutes", now?.repeat_minutes, r.repeat_minutes],
      ["enabled", now?.enabled, r.enabled],
      ["channels", now ? [...now.channels].sort() : undefined, r.channels && [...r.channels].sort()],
    ]);
  });
}

// [field, value now (undefined: a new entry), value in the file (undefined: left out)]
type Comparison = [string, unknown, unknown];

function diff(plan: CataloguePlan, kind: EntityKind, key: string, existing: unknown, fields: Comparison[]): void {
  const changed = fields
    .filter(([, , after]) => after !== undefined)
    .filter(([, before, after]) => existing === undefined || !same(before ?? null, after))
    .map(([field, before, after]) => ({ field, before: existing === undefined ? undefined : (before ?? null), after }));
  if (existing === undefined) plan.changes.push({ kind, key, action: "create", fields: changed });
  else if (changed.length > 0) plan.changes.push({ kind, key, action: "update", fields: changed });
}

function same(a: unknown, b: unknown): boolean {
  return typeof a === "object" && a !== null ? JSON.stringify(a) === JSON.stringify(b) : a === b;
}

function sorted(slas: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(slas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
