import type { Pool } from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { inTransaction } from "@/lib/postgres/in-transaction";

// Runs one dashboard query composed with Prisma.sql (parameters stay parameters) on the
// pg pool, with JIT off. Not through prisma.$queryRaw: its per-value result mapping cost
// more than the query itself on the larger results (~1,400 rows of stuck groups: +20-30 ms).
// JIT off: PostgreSQL's estimate for a join with the never-analysed 10-row workflows table
// is 340 rows, which pushes cheap plans over jit_above_cost, and compiling then costs more
// than running (measured +15-65 ms here; up to 0.5 s in docs/performance.md). SET LOCAL
// needs a transaction, so the setting never leaks to another user of the pooled connection.
export async function readRows<T>(pool: Pool, query: Prisma.Sql): Promise<T[]> {
  return inTransaction(
    pool,
    async (client) => (await client.query(query.text, query.values as unknown[])).rows as T[],
    { jit: false },
  );
}
