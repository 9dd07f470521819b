import type { Pool } from "pg";
import { STAGES, type Stage } from "@/lib/domain/vocabulary";

// What a CloudEvents `type` says about the workflow and stage, for producers that do not
// put them in data. In this order:
//   1. the mapping table (cloudevent_types): a producer's own scheme, e.g.
//      com.acme.wms.ShipmentConfirmed -> shipment_confirmation, acknowledged; a mapping
//      without a stage leaves it to data.stage;
//   2. <anything>.<workflow>.<stage> with a Crossdock stage last, e.g.
//      com.example.shipment_confirmation.acknowledged;
//   3. a type whose last segment is a workflow of the catalogue, e.g. shipment_confirmation
//      or com.acme.wms.shipment_confirmation; the stage then comes from data.
// Anything else names neither; data must carry them.

export interface CloudEventTypes {
  mapped: ReadonlyMap<string, { workflow: string; stage: Stage | null }>;
  workflows: ReadonlySet<string>; // the catalogue's registered workflows
}

export const NO_CLOUDEVENT_TYPES: CloudEventTypes = { mapped: new Map(), workflows: new Set() };

export function readCloudEventType(type: string, types: CloudEventTypes): { workflow?: string; stage?: Stage } {
  const mapped = types.mapped.get(type);
  if (mapped) return mapped.stage ? { workflow: mapped.workflow, stage: mapped.stage } : { workflow: mapped.workflow };
  const parts = type.split(".");
  const last = parts.at(-1)!;
  if (parts.length >= 2 && (STAGES as readonly string[]).includes(last))
    return { workflow: parts.at(-2), stage: last as Stage };
  return types.workflows.has(last) ? { workflow: last } : {};
}

// Read on every CloudEvents request, changed rarely: cached per pool for a few seconds.
// Changes made through this process apply at once (forgetCloudEventTypes); other app
// instances and workers pick them up within the TTL.
const TTL_MS = 5_000;
const cache = new WeakMap<Pool, { types: CloudEventTypes; at: number }>();

export async function loadCloudEventTypes(pool: Pool): Promise<CloudEventTypes> {
  const hit = cache.get(pool);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.types;
  const [mapped, workflows] = await Promise.all([
    pool.query<{ type: string; workflow: string; stage: Stage | null }>(
      `SELECT c.type, w.name AS workflow, c.stage FROM cloudevent_types c JOIN workflows w ON w.id = c.workflow_id`,
    ),
    pool.query<{ name: string }>(`SELECT name FROM workflows WHERE registered`),
  ]);
  const types: CloudEventTypes = {
    mapped: new Map(mapped.rows.map((r) => [r.type, { workflow: r.workflow, stage: r.stage }])),
    workflows: new Set(workflows.rows.map((r) => r.name)),
  };
  cache.set(pool, { types, at: Date.now() });
  return types;
}

export function forgetCloudEventTypes(pool: Pool): void {
  cache.delete(pool);
}
