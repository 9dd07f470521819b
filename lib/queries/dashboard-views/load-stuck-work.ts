import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { DashboardParams } from "@/lib/filters/dashboard-params";
import type { DashboardDb } from "@/lib/queries/dashboard/filter";
import { getStuckGroups, type StuckGroups } from "@/lib/queries/dashboard/get-stuck-groups";
import { type Serialized, serialize } from "./serialized";
import { viewFilter } from "./view-filter";

// The Stuck work view's data for one person: their sites only, and no values unless
// their role may see them (removed here, so they never reach the browser).
export type StuckWorkView = Serialized<StuckGroups> & { valuesVisible: boolean };

export async function loadStuckWork(
  db: DashboardDb,
  actor: Pick<Actor, "role" | "scope">,
  params: DashboardParams,
  now = new Date(),
): Promise<StuckWorkView> {
  const stuck = await getStuckGroups(db, viewFilter(params, now), actor.scope, now);
  const valuesVisible = can(actor.role, "values:read");
  const shown: StuckGroups = valuesVisible
    ? stuck
    : { ...stuck, groups: stuck.groups.map((g) => ({ ...g, value: [] })), total: { ...stuck.total, value: [] } };
  return { ...serialize(shown), valuesVisible };
}
