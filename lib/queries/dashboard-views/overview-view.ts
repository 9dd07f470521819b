import type { Money } from "@/lib/domain/dashboard/money";
import type { Overview, WorkflowCard } from "@/lib/queries/dashboard/get-overview";
import { serialize, type Serialized } from "./serialized";

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
