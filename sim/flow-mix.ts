// What kind of business flow a started flow is, and how many transactions each kind
// produces, so a rate in transactions per second becomes flows per minute.

export type RandomFlowKind =
  | "outbound_order"
  | "goods_receipt"
  | "inventory_adjustment"
  | "return"
  | "master_data_sync";
// Flows that happen at set times rather than at random: daily snapshots per site, and
// the master-data update that starts a customer master outage (scenario 1).
export type ScheduledFlowKind = "inventory_snapshot" | "customer_master_update";
export type FlowKind = RandomFlowKind | ScheduledFlowKind;

// About 70% of transactions belong to outbound order chains (release, pick, pack,
// ship, invoice); the rest are inbound, inventory, returns and master data.
export const FLOW_MIX: readonly { kind: RandomFlowKind; weight: number; transactions: number }[] = [
  { kind: "outbound_order", weight: 0.34, transactions: 5 },
  { kind: "goods_receipt", weight: 0.14, transactions: 1 },
  { kind: "inventory_adjustment", weight: 0.26, transactions: 1 },
  { kind: "return", weight: 0.1, transactions: 1 },
  { kind: "master_data_sync", weight: 0.16, transactions: 1 },
];

const TOTAL_WEIGHT = FLOW_MIX.reduce((s, f) => s + f.weight, 0);

export const TRANSACTIONS_PER_FLOW = FLOW_MIX.reduce((s, f) => s + f.weight * f.transactions, 0) / TOTAL_WEIGHT;

export function flowKindFor(u: number): RandomFlowKind {
  let acc = 0;
  for (const f of FLOW_MIX) {
    acc += f.weight / TOTAL_WEIGHT;
    if (u < acc) return f.kind;
  }
  return FLOW_MIX[FLOW_MIX.length - 1]!.kind;
}
