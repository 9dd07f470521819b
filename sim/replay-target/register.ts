import type { Pool } from "pg";
import { DEMO_SYSTEMS } from "@/lib/services/seed-catalogue";

// SIMULATION, not product code. Registers the replay target as the replay endpoint of the
// demo systems (systems.replay_endpoint), so a replay requested in the demo reaches it.
// Like the catalogue seed, it leaves an endpoint an admin has set alone unless told otherwise.
// `authHeader` is the header Crossdock sends with each replay ("Bearer <token>"), already
// encrypted with CROSSDOCK_SECRET_KEY (encryptSecret); it is set on the systems registered.

export interface RegisterResult {
  registered: string[]; // systems now pointing at the endpoint
  keptOther: string[]; // systems that already had another endpoint (left as they were)
}

export async function registerReplayEndpoint(
  pool: Pool,
  endpoint: string,
  options: { systems?: string[]; overwrite?: boolean; authHeader?: string } = {},
): Promise<RegisterResult> {
  const systems = options.systems ?? DEMO_SYSTEMS.map((s) => s.name);
  const { rows } = await pool.query<{ name: string; replay_endpoint: string | null }>(
    `UPDATE systems SET replay_endpoint = CASE WHEN $3 OR replay_endpoint IS NULL THEN $1 ELSE replay_endpoint END,
       replay_auth_header = CASE WHEN ($3 OR replay_endpoint IS NULL OR replay_endpoint = $1) AND $4::text IS NOT NULL THEN $4 ELSE replay_auth_header END
     WHERE name = ANY($2::text[])
     RETURNING name, replay_endpoint`,
    [endpoint, systems, options.overwrite ?? false, options.authHeader ?? null],
  );
  const names = (match: boolean) =>
    rows
      .filter((r) => (r.replay_endpoint === endpoint) === match)
      .map((r) => r.name)
      .sort();
  return { registered: names(true), keptOther: names(false) };
}
