// The order -> shipment -> invoice chain: the steps one customer order goes through across
// systems. Related transactions are listed in this order, then by time.
const CHAIN = ["order_release", "pick_confirmation", "pack_confirmation", "shipment_confirmation", "invoice_posting"];

export function chainRank(workflow: string): number {
  const i = CHAIN.indexOf(workflow);
  return i < 0 ? CHAIN.length : i;
}

export function sortByOrderChain<T extends { workflow: string; firstEventAt: string }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => chainRank(a.workflow) - chainRank(b.workflow) || a.firstEventAt.localeCompare(b.firstEventAt),
  );
}
