import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Pool } from "pg";
import type { Actor } from "@/lib/auth/actor";
import { type AppliedCatalogue, applyCatalogue } from "@/lib/catalogue/apply-catalogue";
import { parseCatalogueFile } from "@/lib/catalogue/parse-catalogue-file";
import { forgetCloudEventTypes } from "@/lib/ingest/cloudevent-type";

// The demo's catalogue is a catalogue file (catalogue/demo.yaml): the sites, systems and
// workflows of docs/domain.md, south's per-site SLAs and an example alert rule. `npm run demo` applies it like
// any other file; the simulator and the fixtures below read their names from it.

export const DEMO_CATALOGUE_FILE = fileURLToPath(new URL("../../catalogue/demo.yaml", import.meta.url));
const DEMO = parseCatalogueFile("catalogue/demo.yaml", readFileSync(DEMO_CATALOGUE_FILE, "utf8")).catalogue;

export const DEMO_SITES = DEMO.sites;
export const DEMO_SYSTEMS = DEMO.systems.map((s) => ({ name: s.name, kind: s.kind, site: s.site ?? null }));
export const DEMO_WORKFLOWS = DEMO.workflows.map((w) => ({
  name: w.name,
  source: w.source ?? null,
  target: w.target ?? null,
  owner: w.owner ?? null,
  sor: w.system_of_record ?? null,
  sla: w.sla_minutes ?? 60,
  description: w.description ?? null,
}));

// The example alert rule and the variable naming its channel's URL (the demo's receiver).
export const DEMO_ALERT_RULE = DEMO.alert_rules[0]!.name;
export const DEMO_ALERT_URL_ENV = "CROSSDOCK_DEMO_ALERT_URL";

// `npm run demo`: the whole file through the admin services (audited as `actor`); a second
// start changes only the alert channel's URL (the receiver's address is new each run).
export async function applyDemoCatalogue(
  pool: Pool,
  actor: Actor,
  env: Record<string, string | undefined> = process.env,
): Promise<AppliedCatalogue> {
  return applyCatalogue(pool, "catalogue/demo.yaml", readFileSync(DEMO_CATALOGUE_FILE, "utf8"), { actor, env });
}

// The fixture tests and benchmarks start from: the demo file's sites, systems and
// workflows, each workflow with one SLA everywhere (their figures are worked out against
// it; per-site SLAs have their own tests). Idempotent: existing rows are left as they are.
export async function seedCatalogue(pool: Pool): Promise<void> {
  await pool.query(
    `INSERT INTO sites (code, name) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (code) DO UPDATE SET registered = true`,
    [DEMO_SITES.map((s) => s.code), DEMO_SITES.map((s) => s.name)],
  );
  await pool.query(
    `INSERT INTO systems (name, kind, site_id)
     SELECT s.name, s.kind, sites.id FROM unnest($1::text[], $2::text[], $3::text[]) AS s(name, kind, site)
     LEFT JOIN sites ON sites.code = s.site
     ON CONFLICT (name) DO NOTHING`,
    [DEMO_SYSTEMS.map((s) => s.name), DEMO_SYSTEMS.map((s) => s.kind), DEMO_SYSTEMS.map((s) => s.site)],
  );
  await pool.query(
    `INSERT INTO workflows (name, source_kind, target_kind, owner, system_of_record, sla_minutes, description)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
     ON CONFLICT (name) DO UPDATE SET registered = true`,
    [
      DEMO_WORKFLOWS.map((w) => w.name),
      DEMO_WORKFLOWS.map((w) => w.source),
      DEMO_WORKFLOWS.map((w) => w.target),
      DEMO_WORKFLOWS.map((w) => w.owner),
      DEMO_WORKFLOWS.map((w) => w.sor),
      DEMO_WORKFLOWS.map((w) => w.sla),
      DEMO_WORKFLOWS.map((w) => w.description),
    ],
  );
  forgetCloudEventTypes(pool); // CloudEvents types may name the workflows now
}
