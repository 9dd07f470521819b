import { largestAmount, type Money } from "./money";

// The order of the overview's workflow cards. "attention" (the default) puts first what
// needs someone now: the most value at risk, then the most stuck transactions, then the
// highest failure rate; "name" is the catalogue's alphabetical order. Ranking uses only
// what the card shows, so a role that may not see values gets an order that reveals none.

export const OVERVIEW_ORDERS = ["attention", "name"] as const;
export type OverviewOrder = (typeof OVERVIEW_ORDERS)[number];
export const DEFAULT_OVERVIEW_ORDER: OverviewOrder = "attention";

export const OVERVIEW_ORDER_LABELS: Record<OverviewOrder, string> = {
  attention: "Needs attention first",
  name: "Name",
};

export interface RankedCard {
  workflow: string;
  valueAtRisk: readonly Money[] | null; // null: hidden from this role
  stuck: number;
  failureRate: number | null; // null: nothing started in the window
}

function byName(a: RankedCard, b: RankedCard): number {
  return a.workflow < b.workflow ? -1 : a.workflow > b.workflow ? 1 : 0;
}

function byAttention(a: RankedCard, b: RankedCard): number {
  return (
    largestAmount(b.valueAtRisk ?? []) - largestAmount(a.valueAtRisk ?? []) ||
    b.stuck - a.stuck ||
    (b.failureRate ?? -1) - (a.failureRate ?? -1) ||
    byName(a, b)
  );
}

export function orderCards<T extends RankedCard>(cards: readonly T[], order: OverviewOrder): T[] {
  return [...cards].sort(order === "name" ? byName : byAttention);
}
