import type { Actor } from "@/lib/auth/actor";
import type { DashboardParams } from "@/lib/filters/dashboard-params";
import type { DashboardDb } from "@/lib/queries/dashboard/filter";
import { getUnpostedLoads, type UnpostedLoads } from "@/lib/queries/dashboard/get-unposted-loads";
import { type Serialized, serialize } from "./serialized";
import { viewFilter } from "./view-filter";

// The Finance view's data for one person (their sites only). Callers check financials:read,
// which every role holding it pairs with values:read, so values are left in.
// `window`: the shipping dates looked at, for the cycle time chart's days.
export type UnpostedLoadsView = Serialized<UnpostedLoads> & { window: { from: string; to: string } };

export async function loadUnpostedLoads(
  db: DashboardDb,
  actor: Pick<Actor, "scope">,
  params: DashboardParams,
  now = new Date(),
): Promise<UnpostedLoadsView> {
  const filter = viewFilter(params, now);
  const loads = await getUnpostedLoads(db, filter, actor.scope, now);
  return { ...serialize(loads), window: { from: filter.from.toISOString(), to: filter.to.toISOString() } };
}
