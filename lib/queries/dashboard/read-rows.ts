import type { Pool } from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

// Runs one dashboard query composed with Prisma.sql (parameters stay parameters) on the
// pg pool. Not through prisma.$queryRaw: its per-value result mapping cost more than the
// query itself on the larger results (~1,400 rows of stuck groups: +20-30 ms).
// JIT (shared/PERFORMANCE.md: up to +0.5 s) stays out of the way on its own: these plans
// read rollups or narrow index ranges and cost far below jit_above_cost.
export async function readRows<T>(pool: Pool, query: Prisma.Sql): Promise<T[]> {
  const { rows } = await pool.query(query.text, query.values as unknown[]);
  return rows as T[];
}
