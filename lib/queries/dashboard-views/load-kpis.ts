import type { Actor } from "@/lib/auth/actor";
import type { DashboardParams } from "@/lib/filters/dashboard-params";
import type { DashboardDb } from "@/lib/queries/dashboard/filter";
import { getKpis, type Kpis } from "@/lib/queries/dashboard/get-kpis";
import { type Serialized, serialize } from "./serialized";
import { viewFilter } from "./view-filter";

// The KPIs carry no monetary values: every role that may read dashboards sees them whole.
export type KpisView = Serialized<Kpis>;
export type KpiView = KpisView["kpis"][number];

export function toKpisView(kpis: Kpis): KpisView {
  return serialize(kpis);
}

// The KPIs view's data for one person (their sites only).
export async function loadKpis(
  db: DashboardDb,
  actor: Pick<Actor, "scope">,
  params: DashboardParams,
  now = new Date(),
): Promise<KpisView> {
  return toKpisView(await getKpis(db, viewFilter(params, now), actor.scope));
}
