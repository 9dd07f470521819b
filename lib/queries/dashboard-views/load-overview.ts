import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Money } from "@/lib/domain/dashboard/money";
import type { DashboardParams } from "@/lib/filters/dashboard-params";
import type { DashboardDb } from "@/lib/queries/dashboard/filter";
import { getOverview, type Overview, type WorkflowCard } from "@/lib/queries/dashboard/get-overview";
import { type Serialized, serialize } from "./serialized";
import { viewFilter } from "./view-filter";

// The overview as the browser receives it. `valueAtRisk` is null for roles that may not
// see monetary values: removed on the server, so it never reaches the browser.
export type OverviewCardView = Omit<Serialized<WorkflowCard>, "valueAtRisk"> & { valueAtRisk: Money[] | null };

export interface OverviewView {
  window: { from: string; to: string };
  previousWindow: { from: string; to: string };
  cards: OverviewCardView[];
}

export function toOverviewView(overview: Overview, canSeeValues: boolean): OverviewView {
  const s = serialize(overview);
  return { ...s, cards: s.cards.map((c) => ({ ...c, valueAtRisk: canSeeValues ? c.valueAtRisk : null })) };
}

// The Overview's data for one person: their sites only, values only for roles that may see them.
export async function loadOverview(
  db: DashboardDb,
  actor: Pick<Actor, "role" | "scope">,
  params: DashboardParams,
  now = new Date(),
): Promise<OverviewView> {
  const overview = await getOverview(db, viewFilter(params, now), actor.scope, now);
  return toOverviewView(overview, can(actor.role, "values:read"));
}
