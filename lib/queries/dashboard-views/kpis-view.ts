import type { Kpis } from "@/lib/queries/dashboard/get-kpis";
import { serialize, type Serialized } from "./serialized";

// The KPIs carry no monetary values: every role that may read dashboards sees them whole.
export type KpisView = Serialized<Kpis>;
export type KpiView = KpisView["kpis"][number];

export function toKpisView(kpis: Kpis): KpisView {
  return serialize(kpis);
}
