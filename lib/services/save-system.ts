import type { Pool, PoolClient } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { ActionError } from "@/lib/auth/action-result";
import { replayEndpoint, siteCode, systemKind, systemName } from "./catalogue-fields";
import { inTransaction } from "./in-transaction";
import { writeAuditRow, type AuditContext } from "./write-audit-row";

// Registering and editing systems. API keys and transactions point at a system by id, so
// a rename keeps its keys working; transactions keep the source/target names as sent.

export const createSystemSchema = z.object({
  name: systemName,
  kind: systemKind,
  siteCode: siteCode.default(null),
  replayEndpoint: replayEndpoint.default(null),
});
export type CreateSystemInput = z.infer<typeof createSystemSchema>;

// Absent fields stay as they are; "" or null clears the site or the replay endpoint.
export const updateSystemSchema = z.object({
  id: z.coerce.number().int().positive(),
  name: systemName.optional(),
  kind: systemKind.optional(),
  siteCode: siteCode.optional(),
  replayEndpoint: replayEndpoint.optional(),
});
export type UpdateSystemInput = z.infer<typeof updateSystemSchema>;

export interface CreatedSystem {
  id: number;
  name: string;
}

export interface UpdatedSystem {
  id: number;
  name: string;
  changed: string[];
}

// The system as the audit log records it: the site by its code.
export interface AuditedSystem {
  name: string;
  kind: string;
  site: string | null;
  replayEndpoint: string | null;
}

const EDITABLE = ["name", "kind", "site", "replayEndpoint"] as const;
const UNIQUE_VIOLATION = "23505";

export async function createSystem(pool: Pool, actor: Actor, input: CreateSystemInput, context: AuditContext = {}): Promise<CreatedSystem> {
  return inTransaction(pool, async (client) => {
    const siteId = await siteIdOf(client, input.siteCode);
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO systems (name, kind, site_id, replay_endpoint) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [input.name, input.kind, siteId, input.replayEndpoint],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new ActionError(409, `A system named ${input.name} already exists.`);
    const after: AuditedSystem = { name: input.name, kind: input.kind, site: input.siteCode, replayEndpoint: input.replayEndpoint };
    await writeAuditRow(client, { actor: actor.email, action: "system.create", targetType: "system", targetId: String(id), after, ip: context.ip });
    return { id, name: input.name };
  });
}

export async function updateSystem(pool: Pool, actor: Actor, input: UpdateSystemInput, context: AuditContext = {}): Promise<UpdatedSystem> {
  try {
    return await inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ name: string; kind: string; site: string | null; replay_endpoint: string | null }>(
        `SELECT s.name, s.kind, sites.code AS site, s.replay_endpoint
         FROM systems s LEFT JOIN sites ON sites.id = s.site_id WHERE s.id = $1 FOR UPDATE OF s`,
        [input.id],
      );
      const row = rows[0];
      if (!row) throw new ActionError(404, "There is no system with this id.");
      const current: AuditedSystem = { name: row.name, kind: row.kind, site: row.site, replayEndpoint: row.replay_endpoint };
      const next: AuditedSystem = {
        name: input.name ?? current.name,
        kind: input.kind ?? current.kind,
        site: input.siteCode === undefined ? current.site : input.siteCode,
        replayEndpoint: input.replayEndpoint === undefined ? current.replayEndpoint : input.replayEndpoint,
      };
      const changed = EDITABLE.filter((f) => current[f] !== next[f]);
      if (changed.length === 0) return { id: input.id, name: current.name, changed: [] };

      const siteId = await siteIdOf(client, next.site);
      await client.query(`UPDATE systems SET name = $2, kind = $3, site_id = $4, replay_endpoint = $5 WHERE id = $1`, [
        input.id,
        next.name,
        next.kind,
        siteId,
        next.replayEndpoint,
      ]);
      // Each side carries the name it had, so each row reads on its own in the audit page.
      const before: Record<string, unknown> = { name: current.name };
      const after: Record<string, unknown> = { name: next.name };
      for (const field of changed) {
        before[field] = current[field];
        after[field] = next[field];
      }
      await writeAuditRow(client, { actor: actor.email, action: "system.update", targetType: "system", targetId: String(input.id), before, after, ip: context.ip });
      return { id: input.id, name: next.name, changed: [...changed] };
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) throw new ActionError(409, `A system named ${input.name} already exists.`);
    throw error;
  }
}

// Sites come from the catalogue (registered, or first seen at ingest); none is allowed.
async function siteIdOf(client: PoolClient, code: string | null): Promise<number | null> {
  if (code === null) return null;
  const { rows } = await client.query<{ id: number }>(`SELECT id FROM sites WHERE code = $1`, [code]);
  if (!rows[0]) throw new ActionError(400, `There is no site ${code}; choose one of the sites in the list.`);
  return rows[0].id;
}
