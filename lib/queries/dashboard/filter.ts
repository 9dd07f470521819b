import type { Pool } from "pg";
import { z } from "zod";
import type { SiteScope } from "@/lib/auth/site-scope";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

// The filters every dashboard view takes, validated at the edge, and their resolution to
// the ids the rollups and transactions are keyed by, with the caller's site scope applied
// the way list-transactions applies it (a user limited to sites sees only those sites,
// and never transactions without a site).

const names = z.array(z.string().trim().min(1).max(100)).max(100);

export const dashboardFilterSchema = z
  .object({
    from: z.coerce.date(),
    to: z.coerce.date(),
    siteCodes: names.optional(),
    workflowNames: names.optional(),
  })
  .refine((f) => f.from < f.to, { message: "'from' must be before 'to'.", path: ["to"] })
  .refine((f) => f.to.getTime() - f.from.getTime() <= 400 * 86_400_000, {
    message: "At most 400 days.",
    path: ["from"],
  });

export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;

// What the query functions need: the pg pool (aggregates, rollup refresh) and the Prisma
// client (catalogue lookups).
// `getDatabase()` from lib/db returns exactly this.
export interface DashboardDb {
  pool: Pool;
  prisma: PrismaClient;
}

export interface ResolvedFilter {
  from: Date;
  to: Date;
  // null: no restriction (every site, and transactions without one)
  siteIds: number[] | null;
  workflowIds: number[] | null;
  // true when the filters and the scope leave nothing to show
  empty: boolean;
}

export async function resolveFilter(
  prisma: PrismaClient,
  filter: DashboardFilter,
  scope: SiteScope,
): Promise<ResolvedFilter> {
  const wanted =
    scope.kind === "sites"
      ? filter.siteCodes
        ? filter.siteCodes.filter((c) => scope.sites.includes(c))
        : [...scope.sites]
      : filter.siteCodes;
  const siteIds = wanted
    ? (await prisma.site.findMany({ where: { code: { in: wanted } }, select: { id: true } })).map((s) => s.id)
    : null;
  const workflowIds = filter.workflowNames
    ? (await prisma.workflow.findMany({ where: { name: { in: filter.workflowNames } }, select: { id: true } })).map(
        (w) => w.id,
      )
    : null;
  return {
    from: filter.from,
    to: filter.to,
    siteIds,
    workflowIds,
    empty: siteIds?.length === 0 || workflowIds?.length === 0,
  };
}

// `AND <column> = ANY(ids)` when restricted, nothing otherwise.
export function inIds(column: Prisma.Sql, ids: number[] | null): Prisma.Sql {
  return ids === null ? Prisma.empty : Prisma.sql`AND ${column} = ANY(${ids}::int[])`;
}

const HOUR = 3_600_000;

// Rollups count whole hours: a range covers every hour it overlaps. Views report the
// window they actually counted.
export function hourWindow(from: Date, to: Date): { from: Date; to: Date } {
  return {
    from: new Date(Math.floor(from.getTime() / HOUR) * HOUR),
    to: new Date(Math.ceil(to.getTime() / HOUR) * HOUR),
  };
}

// Series points: hourly up to two days, daily beyond.
export function seriesUnit(from: Date, to: Date): "hour" | "day" {
  return to.getTime() - from.getTime() <= 48 * HOUR ? "hour" : "day";
}
