import type { Pool, PoolClient } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { encryptSecret, SecretKeyError } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { inTransaction } from "../postgres/in-transaction";
import {
  replayAuthHeader,
  replayConcurrency,
  replayEndpoint,
  replayRatePerSecond,
  replayTimeoutMs,
  siteCode,
  systemKind,
  systemName,
} from "./catalogue-fields";
import { checkOutboundFields } from "./check-outbound-fields";
import { type AuditContext, writeAuditRow } from "./write-audit-row";

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
  // How replays reach the endpoint (lib/jobs): credentials, timeout, record check, limits.
  replayAuthHeader: replayAuthHeader,
  clearReplayAuthHeader: z.boolean().optional(),
  replayTimeoutMs: replayTimeoutMs.optional(),
  recordCheckUrl: replayEndpoint.optional(),
  replayConcurrency: replayConcurrency.optional(),
  replayRatePerSecond: replayRatePerSecond.optional(),
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

// The system as the audit log records it: the site by its code, the auth header only as
// "set" or "not set" (its value never leaves the database, not even into the audit log).
export interface AuditedSystem {
  name: string;
  kind: string;
  site: string | null;
  replayEndpoint: string | null;
}

interface AuditedReplaySettings {
  replayAuthHeader: "set" | "not set";
  replayTimeoutMs: number;
  recordCheckUrl: string | null;
  replayConcurrency: number;
  replayRatePerSecond: number;
}

const EDITABLE = [
  "name",
  "kind",
  "site",
  "replayEndpoint",
  "replayAuthHeader",
  "replayTimeoutMs",
  "recordCheckUrl",
  "replayConcurrency",
  "replayRatePerSecond",
] as const;
const UNIQUE_VIOLATION = "23505";

export async function createSystem(
  pool: Pool,
  actor: Actor,
  input: CreateSystemInput,
  context: AuditContext = {},
): Promise<CreatedSystem> {
  await checkOutboundFields({ urls: { replayEndpoint: input.replayEndpoint } });
  return inTransaction(pool, async (client) => {
    const siteId = await siteIdOf(client, input.siteCode);
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO systems (name, kind, site_id, replay_endpoint) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [input.name, input.kind, siteId, input.replayEndpoint],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new AppError(409, `A system named ${input.name} already exists.`);
    const after: AuditedSystem = {
      name: input.name,
      kind: input.kind,
      site: input.siteCode,
      replayEndpoint: input.replayEndpoint,
    };
    await writeAuditRow(client, {
      actor: actor.email,
      action: "system.create",
      targetType: "system",
      targetId: String(id),
      after,
      ip: context.ip,
    });
    return { id, name: input.name };
  });
}

export async function updateSystem(
  pool: Pool,
  actor: Actor,
  input: UpdateSystemInput,
  context: AuditContext = {},
): Promise<UpdatedSystem> {
  const newAuthHeader = input.replayAuthHeader === undefined ? undefined : sealed(input.replayAuthHeader);
  await checkOutboundFields({ urls: { replayEndpoint: input.replayEndpoint, recordCheckUrl: input.recordCheckUrl } });
  try {
    return await inTransaction(pool, async (client) => {
      const { rows } = await client.query<{
        name: string;
        kind: string;
        site: string | null;
        replay_endpoint: string | null;
        replay_auth_header: string | null;
        replay_timeout_ms: number;
        record_check_url: string | null;
        replay_concurrency: number;
        replay_rate_per_second: number;
      }>(
        `SELECT s.name, s.kind, sites.code AS site, s.replay_endpoint, s.replay_auth_header, s.replay_timeout_ms, s.record_check_url,
                s.replay_concurrency, s.replay_rate_per_second
         FROM systems s LEFT JOIN sites ON sites.id = s.site_id WHERE s.id = $1 FOR UPDATE OF s`,
        [input.id],
      );
      const row = rows[0];
      if (!row) throw new AppError(404, "There is no system with this id.");
      const current: AuditedSystem & AuditedReplaySettings = {
        name: row.name,
        kind: row.kind,
        site: row.site,
        replayEndpoint: row.replay_endpoint,
        replayAuthHeader: row.replay_auth_header ? "set" : "not set",
        replayTimeoutMs: row.replay_timeout_ms,
        recordCheckUrl: row.record_check_url,
        replayConcurrency: row.replay_concurrency,
        replayRatePerSecond: row.replay_rate_per_second,
      };
      const authHeader = input.clearReplayAuthHeader ? null : (newAuthHeader ?? row.replay_auth_header);
      const next: typeof current = {
        name: input.name ?? current.name,
        kind: input.kind ?? current.kind,
        site: input.siteCode === undefined ? current.site : input.siteCode,
        replayEndpoint: input.replayEndpoint === undefined ? current.replayEndpoint : input.replayEndpoint,
        replayAuthHeader: authHeader ? "set" : "not set",
        replayTimeoutMs: input.replayTimeoutMs ?? current.replayTimeoutMs,
        recordCheckUrl: input.recordCheckUrl === undefined ? current.recordCheckUrl : input.recordCheckUrl,
        replayConcurrency: input.replayConcurrency ?? current.replayConcurrency,
        replayRatePerSecond: input.replayRatePerSecond ?? current.replayRatePerSecond,
      };
      const changed: string[] = EDITABLE.filter((f) => current[f] !== next[f]);
      // A new header replacing one that was set is a change the "set"/"set" comparison misses.
      if (newAuthHeader !== undefined && !input.clearReplayAuthHeader && current.replayAuthHeader === "set")
        changed.push("replayAuthHeader");
      if (changed.length === 0) return { id: input.id, name: current.name, changed: [] };

      const siteId = await siteIdOf(client, next.site);
      await client.query(
        `UPDATE systems SET name = $2, kind = $3, site_id = $4, replay_endpoint = $5, replay_auth_header = $6, replay_timeout_ms = $7,
           record_check_url = $8, replay_concurrency = $9, replay_rate_per_second = $10 WHERE id = $1`,
        [
          input.id,
          next.name,
          next.kind,
          siteId,
          next.replayEndpoint,
          authHeader,
          next.replayTimeoutMs,
          next.recordCheckUrl,
          next.replayConcurrency,
          next.replayRatePerSecond,
        ],
      );
      // Each side carries the name it had, so each row reads on its own in the audit page.
      const before: Record<string, unknown> = { name: current.name };
      const after: Record<string, unknown> = { name: next.name };
      for (const field of new Set(changed) as Set<keyof typeof current>) {
        before[field] = current[field];
        after[field] =
          field === "replayAuthHeader" && current.replayAuthHeader === "set" && next.replayAuthHeader === "set"
            ? "replaced"
            : next[field];
      }
      await writeAuditRow(client, {
        actor: actor.email,
        action: "system.update",
        targetType: "system",
        targetId: String(input.id),
        before,
        after,
        ip: context.ip,
      });
      return { id: input.id, name: next.name, changed: [...new Set(changed)] };
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION)
      throw new AppError(409, `A system named ${input.name} already exists.`);
    throw error;
  }
}

// Encrypted before it reaches the database; a server without CROSSDOCK_SECRET_KEY says so.
function sealed(plain: string): string {
  try {
    return encryptSecret(plain);
  } catch (error) {
    if (error instanceof SecretKeyError) throw new AppError(409, `The auth header cannot be stored: ${error.message}`);
    throw error;
  }
}

// Sites come from the catalogue (registered, or first seen at ingest); none is allowed.
async function siteIdOf(client: PoolClient, code: string | null): Promise<number | null> {
  if (code === null) return null;
  const { rows } = await client.query<{ id: number }>(`SELECT id FROM sites WHERE code = $1`, [code]);
  if (!rows[0]) throw new AppError(400, `There is no site ${code}; choose one of the sites in the list.`);
  return rows[0].id;
}
