import type { ClientBase, Pool } from "pg";

// Workflow and site ids by name, cached per pool. Unknown names arriving at ingest are
// registered on the spot and flagged (registered = false): accepted, never dropped.
interface Catalogue {
  workflows: Map<string, number>;
  sites: Map<string, number>;
}

const catalogues = new WeakMap<Pool, Catalogue>();

function catalogueOf(pool: Pool): Catalogue {
  let c = catalogues.get(pool);
  if (!c) catalogues.set(pool, (c = { workflows: new Map(), sites: new Map() }));
  return c;
}

// `pool` keys the cache (one per database); `db` runs the statements, outside any
// open transaction so a rolled-back batch never leaves a cached id behind.
export async function resolveWorkflowIds(
  pool: Pool,
  db: ClientBase,
  names: Iterable<string>,
): Promise<Map<string, number>> {
  return resolve(db, catalogueOf(pool).workflows, [...new Set(names)], {
    insert: `INSERT INTO workflows (name, registered) SELECT unnest($1::text[]), false ON CONFLICT (name) DO NOTHING`,
    select: `SELECT id, name FROM workflows WHERE name = ANY($1::text[])`,
  });
}

export async function resolveSiteIds(
  pool: Pool,
  db: ClientBase,
  codes: Iterable<string>,
): Promise<Map<string, number>> {
  return resolve(db, catalogueOf(pool).sites, [...new Set(codes)], {
    insert: `INSERT INTO sites (code, name, registered) SELECT c, c, false FROM unnest($1::text[]) AS c ON CONFLICT (code) DO NOTHING`,
    select: `SELECT id, code AS name FROM sites WHERE code = ANY($1::text[])`,
  });
}

async function resolve(
  db: ClientBase,
  cache: Map<string, number>,
  names: string[],
  sql: { insert: string; select: string },
): Promise<Map<string, number>> {
  const missing = names.filter((n) => !cache.has(n));
  if (missing.length > 0) {
    await db.query(sql.insert, [missing]);
    const { rows } = await db.query<{ id: number; name: string }>(sql.select, [missing]);
    for (const r of rows) cache.set(r.name, r.id);
  }
  return cache;
}
