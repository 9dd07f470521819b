// Flow kind -> generator. Every generator is pure: (flow instance, context) -> the
// flow's transactions, each with all its events, however far in the future.
import type { SimTransaction } from "../event";
import type { FlowKind } from "../flow-mix";
import type { FlowContext } from "../hops";
import type { FlowInstance } from "../instances";
import { goodsReceipt } from "./goods-receipt";
import { inventoryAdjustment } from "./inventory-adjustment";
import { inventorySnapshot } from "./inventory-snapshot";
import { customerMasterUpdate, masterDataSync } from "./master-data-sync";
import { outboundOrder } from "./outbound-order";
import { customerReturn } from "./returns";

const GENERATORS: Record<FlowKind, (flow: FlowInstance, ctx: FlowContext) => SimTransaction[]> = {
  outbound_order: outboundOrder,
  goods_receipt: goodsReceipt,
  inventory_adjustment: inventoryAdjustment,
  return: customerReturn,
  master_data_sync: masterDataSync,
  inventory_snapshot: inventorySnapshot,
  customer_master_update: customerMasterUpdate,
};

export function generateFlow(flow: FlowInstance, ctx: FlowContext): SimTransaction[] {
  return GENERATORS[flow.kind](flow, ctx);
}
