import type { Pool } from "pg";
import { ZodError } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { setCloudEventType } from "@/lib/services/save-cloudevent-type";
import { saveSite } from "@/lib/services/save-site";
import { createSystem, type UpdateSystemInput, updateSystem } from "@/lib/services/save-system";
import { createWorkflow, type UpdateWorkflowInput, updateWorkflow } from "@/lib/services/save-workflow";
import { applyAlertChange } from "./apply-alert-change";
import type { CatalogueFile } from "./catalogue-schema";
import {
  byLine,
  CatalogueFileError,
  type CatalogueProblem,
  type FieldPath,
  parseCatalogueFile,
} from "./parse-catalogue-file";
import { type CatalogueChange, type CataloguePlan, planCatalogue, type SecretState } from "./plan-catalogue";
import { type CurrentCatalogue, readCatalogue } from "./read-catalogue";

// `npm run catalogue:apply`: parse and check the file, compare it with the database, and
// (unless a dry run) make the changes through the same services the admin pages use, so
// each is validated, audited and takes effect the same way. Each entry is its own database
// transaction: a refusal stops the run there, and applying again does the rest.

export interface ApplyCatalogueOptions {
  actor: Actor;
  dryRun?: boolean;
  env?: Record<string, string | undefined>;
}

export interface AppliedCatalogue {
  plan: CataloguePlan;
  applied: boolean;
}

export async function applyCatalogue(
  pool: Pool,
  file: string,
  text: string,
  options: ApplyCatalogueOptions,
): Promise<AppliedCatalogue> {
  const { catalogue, locate } = parseCatalogueFile(file, text);
  const current = await readCatalogue(pool);
  const env = options.env ?? process.env;
  const plan = planCatalogue(catalogue, current, secretStates(catalogue, current, env));
  if (plan.problems.length > 0)
    throw new CatalogueFileError(file, byLine(plan.problems.map((p) => locate(p.path, p.message))));
  if (options.dryRun || plan.changes.length === 0) return { plan, applied: false };
  for (const change of plan.changes) {
    try {
      if (change.kind === "alert_channel" || change.kind === "alert_rule")
        await applyAlertChange(pool, options.actor, catalogue, current, change, env);
      else await applyChange(pool, options.actor, catalogue, current, change, env);
    } catch (error) {
      throw locatedRefusal(error, catalogue, change, (path, message) => locate(path, message), file);
    }
  }
  return { plan, applied: true };
}

// A service's refusal (a replay endpoint on a private network, a header that cannot be
// sealed) as a problem at the entry's field; the changes before it stay applied.
const SERVICE_FIELDS: Record<string, string> = {
  replayEndpoint: "replay_endpoint",
  recordCheckUrl: "record_check_url",
  url: "url_env",
  password: "password_env",
  host: "host",
  port: "port",
  from: "from",
  to: "to",
};
const LISTS = {
  site: "sites",
  system: "systems",
  workflow: "workflows",
  cloudevent_type: "cloudevent_types",
  alert_channel: "alert_channels",
  alert_rule: "alert_rules",
} as const;

function locatedRefusal(
  error: unknown,
  file: CatalogueFile,
  change: CatalogueChange,
  locate: (path: FieldPath, message: string) => CatalogueProblem,
  name: string,
): unknown {
  const list = LISTS[change.kind];
  const index = (file[list] as { name?: string; code?: string; type?: string }[]).findIndex(
    (e) => (e.name ?? e.code ?? e.type) === change.key,
  );
  const entry: FieldPath = [list, index];
  const note = "; the changes listed before it were applied";
  if (error instanceof ZodError)
    return new CatalogueFileError(
      name,
      error.issues.map((i) => {
        const field = SERVICE_FIELDS[String(i.path[0])];
        return locate(field ? [...entry, field] : entry, `${i.message}${note}`);
      }),
    );
  if (error instanceof AppError) return new CatalogueFileError(name, [locate(entry, `${error.message}${note}`)]);
  return error;
}

function secretStates(
  file: CatalogueFile,
  current: CurrentCatalogue,
  env: Record<string, string | undefined>,
): Map<string, SecretState> {
  const states = new Map<string, SecretState>();
  const judge = (key: string, variable: string | null | undefined, sealed: string | null | undefined) => {
    if (!variable) return;
    const value = env[variable]?.trim();
    states.set(key, !value ? "unset" : sealed && opened(sealed) === value ? "same" : "changed");
  };
  for (const s of file.systems)
    judge(
      `system:${s.name}`,
      s.replay_auth_header_env,
      current.systems.find((c) => c.name === s.name)?.replay_auth_header_sealed,
    );
  for (const c of file.alert_channels)
    judge(
      `alert_channel:${c.name}`,
      c.kind === "email" ? c.password_env : c.url_env,
      current.alert_channels.find((x) => x.name === c.name)?.secret_sealed,
    );
  return states;
}

// A header sealed with another key (or none configured) counts as different: applying
// stores it again with the key this server has.
function opened(sealed: string): string | null {
  try {
    return decryptSecret(sealed);
  } catch {
    return null;
  }
}

async function applyChange(
  pool: Pool,
  actor: Actor,
  file: CatalogueFile,
  current: CurrentCatalogue,
  change: CatalogueChange,
  env: Record<string, string | undefined>,
): Promise<void> {
  const changed = new Set(change.fields.map((f) => f.field));
  switch (change.kind) {
    case "site": {
      const site = file.sites.find((s) => s.code === change.key)!;
      await saveSite(pool, actor, { code: site.code, name: site.name });
      return;
    }
    case "system": {
      const s = file.systems.find((x) => x.name === change.key)!;
      let id = current.systems.find((c) => c.name === s.name)?.id;
      if (id === undefined) {
        id = (
          await createSystem(pool, actor, {
            name: s.name,
            kind: s.kind,
            siteCode: s.site ?? null,
            replayEndpoint: s.replay_endpoint ?? null,
          })
        ).id;
        for (const f of ["kind", "site", "replay_endpoint"]) changed.delete(f);
      }
      const update: UpdateSystemInput = { id, replayAuthHeader: undefined };
      if (changed.has("kind")) update.kind = s.kind;
      if (changed.has("site")) update.siteCode = s.site ?? null;
      if (changed.has("replay_endpoint")) update.replayEndpoint = s.replay_endpoint ?? null;
      if (changed.has("replay_auth_header")) {
        if (s.replay_auth_header_env) update.replayAuthHeader = env[s.replay_auth_header_env]!.trim();
        else update.clearReplayAuthHeader = true;
      }
      if (changed.has("replay_timeout_ms")) update.replayTimeoutMs = s.replay_timeout_ms;
      if (changed.has("record_check_url")) update.recordCheckUrl = s.record_check_url ?? null;
      if (changed.has("replay_concurrency")) update.replayConcurrency = s.replay_concurrency;
      if (changed.has("replay_rate_per_second")) update.replayRatePerSecond = s.replay_rate_per_second;
      const { id: _, ...fields } = update;
      if (Object.values(fields).some((v) => v !== undefined)) await updateSystem(pool, actor, update);
      return;
    }
    case "workflow": {
      const w = file.workflows.find((x) => x.name === change.key)!;
      const existing = current.workflows.find((c) => c.name === w.name);
      if (!existing) {
        await createWorkflow(pool, actor, {
          name: w.name,
          description: w.description ?? null,
          sourceKind: w.source ?? null,
          targetKind: w.target ?? null,
          owner: w.owner ?? null,
          systemOfRecord: w.system_of_record ?? null,
          slaMinutes: w.sla_minutes ?? 60,
          siteSlas: w.site_slas ?? {},
        });
        return;
      }
      // Every update registers the workflow, so one first seen at ingest needs nothing more.
      const update: UpdateWorkflowInput = { id: existing.id };
      if (changed.has("description")) update.description = w.description;
      if (changed.has("source")) update.sourceKind = w.source;
      if (changed.has("target")) update.targetKind = w.target;
      if (changed.has("owner")) update.owner = w.owner;
      if (changed.has("system_of_record")) update.systemOfRecord = w.system_of_record;
      if (changed.has("sla_minutes")) update.slaMinutes = w.sla_minutes;
      if (changed.has("site_slas")) update.siteSlas = w.site_slas;
      await updateWorkflow(pool, actor, update);
      return;
    }
    case "cloudevent_type": {
      const c = file.cloudevent_types.find((x) => x.type === change.key)!;
      await setCloudEventType(pool, actor, { type: c.type, workflow: c.workflow, stage: c.stage });
      return;
    }
    default:
      throw new Error(`No way to apply a ${change.kind}.`);
  }
}
