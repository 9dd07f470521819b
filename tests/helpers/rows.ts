import type { Pool } from "pg";
import { hashPassword } from "@/lib/auth/passwords";
import type { Role } from "@/lib/auth/permissions";
import { encryptSecret } from "@/lib/crypto/secret-box";

// Catalogue and user rows written straight to the database, for tests about something else
// than the admin screens that would otherwise write them. What is left out takes the
// column's default.

export interface TestSystem {
  name: string;
  kind?: string;
  replayEndpoint?: string;
  // The header itself: stored encrypted, as the admin screen stores it (needs CROSSDOCK_SECRET_KEY).
  replayAuthHeader?: string;
  replayTimeoutMs?: number;
  recordCheckUrl?: string;
  replayConcurrency?: number;
  replayRatePerSecond?: number;
}

export async function insertSystem(pool: Pool, system: TestSystem): Promise<number> {
  const columns: Record<string, unknown> = {
    name: system.name,
    kind: system.kind ?? "erp",
    replay_endpoint: system.replayEndpoint,
    replay_auth_header: system.replayAuthHeader === undefined ? undefined : encryptSecret(system.replayAuthHeader),
    replay_timeout_ms: system.replayTimeoutMs,
    record_check_url: system.recordCheckUrl,
    replay_concurrency: system.replayConcurrency,
    replay_rate_per_second: system.replayRatePerSecond,
  };
  const given = Object.entries(columns).filter(([, value]) => value !== undefined);
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO systems (${given.map(([column]) => column).join(", ")}) VALUES (${given.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING id`,
    given.map(([, value]) => value),
  );
  return rows[0]!.id;
}

export interface TestUser {
  email: string;
  role: Role;
  sites?: string[];
  password?: string;
  disabled?: boolean;
}

export async function insertUser(pool: Pool, user: TestUser): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO users (email, role, sites, password_hash, disabled_at) VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN now() END) RETURNING id`,
    [
      user.email,
      user.role,
      user.sites ?? [],
      user.password === undefined ? null : await hashPassword(user.password),
      user.disabled ?? false,
    ],
  );
  return rows[0]!.id;
}
