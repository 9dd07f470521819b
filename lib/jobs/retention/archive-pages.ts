import type { ClientBase, Pool } from "pg";

// Rows to archive, a page at a time as NDJSON lines, so a day of several hundred thousand
// events never sits in memory at once.

// A detached partition, in the order of its key (its primary key's first column).
export async function* partitionPages(
  db: Pool | ClientBase,
  table: string,
  key: "id" | "event_id",
  pageSize = 5000,
): AsyncGenerator<string[]> {
  let after: string | null = null;
  for (;;) {
    const { rows }: { rows: { line: string; k: string }[] } = await db.query(
      `SELECT row_to_json(x)::text AS line, x.${key}::text AS k FROM "${table}" x
       WHERE $1::bigint IS NULL OR x.${key} > $1::bigint ORDER BY x.${key} LIMIT $2`,
      [after, pageSize],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => r.line);
    after = rows[rows.length - 1]!.k;
  }
}

// Given transactions, by id.
export async function* transactionPages(
  db: Pool | ClientBase,
  ids: string[],
  pageSize = 5000,
): AsyncGenerator<string[]> {
  for (let k = 0; k < ids.length; k += pageSize) {
    const { rows } = await db.query<{ line: string }>(
      `SELECT row_to_json(t)::text AS line FROM transactions t WHERE t.id = ANY($1::uuid[]) ORDER BY t.id`,
      [ids.slice(k, k + pageSize)],
    );
    yield rows.map((r) => r.line);
  }
}
