import type { Actor } from "@/lib/auth/actor";
import { getReadDatabase } from "@/lib/db";
import type { DashboardParams } from "@/lib/filters/dashboard-params";
import type { DashboardDb } from "@/lib/queries/dashboard/filter";

// Every dashboard loader's shape.
export type DashboardLoad<T> = (db: DashboardDb, actor: Actor, params: DashboardParams, now: Date) => Promise<T>;

// The one way a dashboard view is read, by a page's prefetch, its JSON route and its CSV
// export alike: on the read database (a streaming replica when DATABASE_READ_URL is set,
// see getReadDatabase), so no page or route picks a database itself. The views only read,
// and say how fresh what they read is (read-freshness.ts), replica lag included.
export function readDashboardView<T>(
  load: DashboardLoad<T>,
  actor: Actor,
  params: DashboardParams,
  now = new Date(),
): Promise<T> {
  return load(getReadDatabase(), actor, params, now);
}
