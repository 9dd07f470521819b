import { createHash, randomBytes } from "node:crypto";
import type { Pool } from "pg";
import { type SiteScope, siteScopeOf } from "./site-scope";

// API keys: "cdk_<prefix>_<secret>". Only the SHA-256 of the whole key is stored (keys are
// 190 random bits, so a slow hash adds nothing); the prefix identifies a key in lists
// without revealing it. Scopes: ingest events, read transactions, replay (one, bulk, forced)
// and resolve (resolve or cancel by hand); sites limit what a key may read and act on.

export const API_SCOPES = ["ingest", "read", "replay", "resolve"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface GeneratedKey {
  key: string;
  prefix: string;
  hash: string;
}

export function generateApiKey(): GeneratedKey {
  // Hex, so the prefix never contains the "_" that separates it from the secret.
  const prefix = `cdk_${randomBytes(5).toString("hex")}`;
  const key = `${prefix}_${randomBytes(24).toString("base64url")}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export interface ApiCaller {
  keyId: number;
  prefix: string;
  systemId: number;
  systemName: string;
  scopes: ApiScope[];
  scope: SiteScope;
}

export type ApiAuthResult = { ok: true; caller: ApiCaller } | { ok: false; status: 401 | 403; message: string };

// Last-used time is written at most once a minute per key and process: a timestamp for
// the admin list, not a hot-path write per request.
const lastUsedWritten = new Map<number, number>();

export async function authenticateApiKey(
  pool: Pool,
  authorization: string | null,
  scope: ApiScope,
): Promise<ApiAuthResult> {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match) {
    return { ok: false, status: 401, message: "Missing API key: send it as 'Authorization: Bearer <key>'." };
  }
  const { rows } = await pool.query<{
    id: number;
    prefix: string;
    system_id: number;
    name: string;
    scopes: ApiScope[];
    sites: string[];
  }>(
    `SELECT k.id, k.prefix, k.system_id, s.name, k.scopes, k.sites FROM api_keys k JOIN systems s ON s.id = k.system_id
     WHERE k.hash = $1 AND k.revoked_at IS NULL`,
    [hashApiKey(match[1]!)],
  );
  const row = rows[0];
  if (!row) return { ok: false, status: 401, message: "The API key is unknown or has been revoked." };
  if (!row.scopes.includes(scope)) {
    return { ok: false, status: 403, message: `This API key lacks the '${scope}' scope.` };
  }
  touchLastUsed(pool, row.id);
  return {
    ok: true,
    caller: {
      keyId: row.id,
      prefix: row.prefix,
      systemId: row.system_id,
      systemName: row.name,
      scopes: row.scopes,
      scope: siteScopeOf(row.sites),
    },
  };
}

function touchLastUsed(pool: Pool, keyId: number): void {
  const now = Date.now();
  if (now - (lastUsedWritten.get(keyId) ?? 0) < 60_000) return;
  lastUsedWritten.set(keyId, now);
  pool.query("UPDATE api_keys SET last_used_at = now() WHERE id = $1", [keyId]).catch(() => undefined);
}
