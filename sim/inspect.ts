// Looking at generated traffic the way Crossdock will: grouped by transaction and
// derived with the product's own status rules. For tests and for the demo's summary.
import { type DerivableEvent, deriveTransaction, type TransactionState } from "@/lib/domain/derive-transaction";
import type { SimEvent } from "./event";

export function collect(batches: Iterable<SimEvent[]>): SimEvent[] {
  const all: SimEvent[] = [];
  for (const b of batches) for (const e of b) all.push(e);
  return all;
}

export function groupByTransaction(events: Iterable<SimEvent>): Map<string, SimEvent[]> {
  const byTx = new Map<string, SimEvent[]>();
  for (const e of events) {
    const list = byTx.get(e.transactionId);
    if (list) list.push(e);
    else byTx.set(e.transactionId, [e]);
  }
  return byTx;
}

export function toDerivable(e: SimEvent): DerivableEvent {
  return {
    eventId: e.id,
    workflow: e.workflow,
    stage: e.stage,
    layer: e.layer,
    occurredAt: new Date(e.occurredAt),
    sourceSystem: e.source,
    targetSystem: e.target,
    site: e.site ?? null,
    businessKey: e.businessKey,
    refs: {
      orderId: e.refs.orderId,
      shipmentId: e.refs.shipmentId,
      loadId: e.refs.loadId,
      invoiceId: e.refs.invoiceId,
      sku: e.refs.sku,
      customerId: e.refs.customerId,
    },
    valueAmount: e.value?.amount ?? null,
    valueCurrency: e.value?.currency ?? null,
    quantity: e.quantity === undefined ? null : String(e.quantity),
    errorCode: e.error?.code ?? null,
    errorMessage: e.error?.message ?? null,
    errorRetryable: e.error?.retryable ?? null,
    attempt: e.attempt ?? null,
    traceId: e.traceId,
  };
}

// The state Crossdock derives for one transaction's events.
export function deriveSimTransaction(events: readonly SimEvent[]): TransactionState {
  return deriveTransaction(events.map(toDerivable));
}
