// Builders for native ingest events, so tests read as the business flows they describe.
let counter = 0;

export function shipmentEvents(
  shipmentId: string,
  opts: { site?: string; loadId?: string; amount?: number; fail?: boolean } = {},
) {
  const base = Date.parse("2026-11-02T09:00:00Z") + counter++ * 60_000;
  const common = {
    transactionId: `TX-${shipmentId}`,
    workflow: "shipment_confirmation",
    site: opts.site ?? "east",
    source: "wms-east",
    target: "erp-cloud",
    businessKey: shipmentId,
    refs: { shipmentId, loadId: opts.loadId ?? `L-${shipmentId}`, orderId: `SO-${shipmentId}` },
  };
  const t = (s: number) => new Date(base + s * 1000).toISOString();
  const events = [
    {
      ...common,
      id: `${shipmentId}-1`,
      stage: "received",
      layer: "source_api",
      occurredAt: t(0),
      value: { amount: opts.amount ?? 1200.5, currency: "USD" },
      quantity: 12,
      payload: { shipment: shipmentId, lines: [{ sku: "SKU-1", qty: 12 }] },
    },
    { ...common, id: `${shipmentId}-2`, stage: "transformed", layer: "middleware", occurredAt: t(1), durationMs: 40 },
    { ...common, id: `${shipmentId}-3`, stage: "published", layer: "broker", occurredAt: t(2), durationMs: 5 },
  ];
  events.push(
    opts.fail
      ? ({
          ...common,
          id: `${shipmentId}-4`,
          stage: "failed",
          layer: "target_api",
          occurredAt: t(4),
          error: {
            code: "CUSTOMER_MASTER_INVALID",
            message: `Customer C-${counter} failed validation`,
            retryable: false,
          },
        } as never)
      : ({
          ...common,
          id: `${shipmentId}-4`,
          stage: "acknowledged",
          layer: "target_api",
          occurredAt: t(4),
          durationMs: 800,
        } as never),
  );
  return events;
}
