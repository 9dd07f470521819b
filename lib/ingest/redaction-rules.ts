import type { Pool } from "pg";

// The admin-configured redaction paths, cached per pool for a few seconds: ingest reads
// them on every request, admins change them rarely. Changes made through this process
// apply at once (forgetRedactionRules); other app instances pick them up within the TTL.
const TTL_MS = 5_000;
const cache = new WeakMap<Pool, { paths: string[]; at: number }>();

export async function loadRedactionRules(pool: Pool): Promise<string[]> {
  const hit = cache.get(pool);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.paths;
  const { rows } = await pool.query<{ path: string }>(`SELECT path FROM redaction_rules ORDER BY path`);
  const paths = rows.map((r) => r.path);
  cache.set(pool, { paths, at: Date.now() });
  return paths;
}

export function forgetRedactionRules(pool: Pool): void {
  cache.delete(pool);
}
