import type { Prisma } from "@/lib/generated/prisma/client";

// The shape every transaction list (UI and read API) returns.
export interface TransactionSummary {
  id: string;
  transactionId: string;
  sender: string;
  workflow: string;
  workflowRegistered: boolean;
  site: string | null;
  status: string;
  layer: string;
  failedLayer: string | null;
  attempts: number;
  eventCount: number;
  latencyMs: number | null;
  firstEventAt: string;
  lastEventAt: string;
  completedAt: string | null;
  source: string | null;
  target: string | null;
  businessKey: string | null;
  refs: {
    orderId: string | null;
    shipmentId: string | null;
    loadId: string | null;
    invoiceId: string | null;
    sku: string | null;
    customerId: string | null;
  };
  value: { amount: string; currency: string } | null;
  quantity: string | null;
  error: { code: string | null; message: string | null; signature: string | null } | null;
  traceId: string | null;
}

export const summaryInclude = {
  workflow: { select: { name: true, registered: true } },
  site: { select: { code: true } },
  senderSystem: { select: { name: true } },
} satisfies Prisma.TransactionInclude;

type Row = Prisma.TransactionGetPayload<{ include: typeof summaryInclude }>;

export function toSummary(t: Row): TransactionSummary {
  return {
    id: t.id,
    transactionId: t.externalId,
    sender: t.senderSystem.name,
    workflow: t.workflow.name,
    workflowRegistered: t.workflow.registered,
    site: t.site?.code ?? null,
    status: t.status,
    layer: t.currentLayer,
    failedLayer: t.failedLayer,
    attempts: t.attempts,
    eventCount: t.eventCount,
    latencyMs: t.latencyMs === null ? null : Number(t.latencyMs),
    firstEventAt: t.firstEventAt.toISOString(),
    lastEventAt: t.lastEventAt.toISOString(),
    completedAt: t.completedAt?.toISOString() ?? null,
    source: t.sourceSystem,
    target: t.targetSystem,
    businessKey: t.businessKey,
    refs: {
      orderId: t.orderId,
      shipmentId: t.shipmentId,
      loadId: t.loadId,
      invoiceId: t.invoiceId,
      sku: t.sku,
      customerId: t.customerId,
    },
    value:
      t.valueAmount !== null && t.valueCurrency
        ? { amount: t.valueAmount.toString(), currency: t.valueCurrency.trim() }
        : null,
    quantity: t.quantity?.toString() ?? null,
    error:
      t.errorCode || t.errorMessage
        ? { code: t.errorCode, message: t.errorMessage, signature: t.errorSignature }
        : null,
    traceId: t.traceId,
  };
}
