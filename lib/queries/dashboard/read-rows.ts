import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

// Runs one dashboard query with JIT off: on these short aggregates PostgreSQL's JIT
// compilation costs more than the query (measured up to 0.5 s, shared/PERFORMANCE.md).
// SET LOCAL needs a transaction, so the setting never leaks to a pooled connection.
export async function readRows<T>(prisma: PrismaClient, query: Prisma.Sql): Promise<T[]> {
  const [, rows] = await prisma.$transaction([prisma.$executeRaw`SET LOCAL jit = off`, prisma.$queryRaw<T[]>(query)]);
  return rows;
}
