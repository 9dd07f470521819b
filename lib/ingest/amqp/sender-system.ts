import type { Pool } from "pg";
import type { ApiCaller } from "@/lib/auth/api-keys";
import { ALL_SITES } from "@/lib/auth/site-scope";

// Who sent a broker message. The queue has no API key to authenticate; whoever may publish
// to it may ingest, and every event from it is stored as sent by one configured system
// (CROSSDOCK_AMQP_SYSTEM), exactly as if posted with an ingest key of that system. The
// system is registered on first use (kind middleware), like `npm run apikey:create` does.
// Resolved lazily and remembered, so a database that is down at start-up only delays it.
export function senderSystem(pool: Pool, name: string): () => Promise<ApiCaller> {
  let caller: ApiCaller | undefined;
  return async () => {
    if (caller) return caller;
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO systems (name, kind) VALUES ($1, 'middleware')
       ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [name],
    );
    // keyId 0: no API key is involved; ingest reads only the system.
    caller = { keyId: 0, prefix: "", systemId: rows[0]!.id, systemName: name, scopes: ["ingest"], scope: ALL_SITES };
    return caller;
  };
}
