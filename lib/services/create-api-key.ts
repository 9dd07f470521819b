import type { Pool } from "pg";
import { API_SCOPES, type ApiScope, generateApiKey } from "@/lib/auth/api-keys";
import { inTransaction } from "../postgres/in-transaction";

export interface CreateApiKeyInput {
  systemName: string;
  systemKind?: string;
  scopes: ApiScope[];
  sites?: string[]; // empty or left out: every site
  name?: string;
  actor: string;
}

export interface CreatedApiKey {
  id: number;
  key: string;
  prefix: string;
  systemId: number;
}

// Creates a key bound to a system (registering the system if it is new) and audits it.
// The plaintext key is returned once and never stored.
export async function createApiKey(pool: Pool, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const unknown = input.scopes.filter((s) => !API_SCOPES.includes(s));
  if (unknown.length > 0)
    throw new Error(`Unknown scope(s): ${unknown.join(", ")}. Allowed: ${API_SCOPES.join(", ")}.`);
  const generated = generateApiKey();
  const sites = [...new Set(input.sites ?? [])].sort();
  return inTransaction(pool, async (client) => {
    const system = await client.query<{ id: number }>(
      `INSERT INTO systems (name, kind) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [input.systemName, input.systemKind ?? "middleware"],
    );
    const systemId = system.rows[0]!.id;
    const key = await client.query<{ id: number }>(
      `INSERT INTO api_keys (name, prefix, hash, system_id, scopes, sites) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.name ?? null, generated.prefix, generated.hash, systemId, input.scopes, sites],
    );
    const id = key.rows[0]!.id;
    await client.query(
      `INSERT INTO audit_log (actor, action, target_type, target_id, after) VALUES ($1, 'api_key.create', 'api_key', $2, $3)`,
      [
        input.actor,
        String(id),
        JSON.stringify({
          prefix: generated.prefix,
          system: input.systemName,
          scopes: input.scopes,
          ...(sites.length > 0 ? { sites } : {}),
        }),
      ],
    );
    return { id, key: generated.key, prefix: generated.prefix, systemId };
  });
}
