// A small, hand-countable day of traffic for the dashboard tests. Every figure the tests
// expect is worked out by hand from these lines (see tests/integration/dashboard-*.test.ts).
type Step = [stage: string, layer: string, at: string, extra?: Record<string, unknown>];

let seq = 0;

export function flow(
  transactionId: string,
  workflow: string,
  site: string,
  steps: Step[],
  common: Record<string, unknown> = {},
): Record<string, unknown>[] {
  return steps.map(([stage, layer, at, extra]) => ({
    id: `${transactionId}-${++seq}`,
    transactionId,
    workflow,
    site,
    stage,
    layer,
    occurredAt: `2026-11-02T${at}Z`,
    source: workflow === "order_release" || workflow === "invoice_posting" ? "erp-cloud" : `wms-${site}`,
    target: workflow === "order_release" ? `wms-${site}` : "erp-cloud",
    ...common,
    ...extra,
  }));
}

const usd = (amount: number) => ({ value: { amount, currency: "USD" } });
const eur = (amount: number) => ({ value: { amount, currency: "EUR" } });
const customerError = {
  error: { code: "CUSTOMER_MASTER_INVALID", message: "Customer C-9 failed validation", retryable: false },
};
const ship = (n: number, load: string, extra: Record<string, unknown>) => ({
  businessKey: `SHP-${n}`,
  refs: { shipmentId: `SHP-${n}`, loadId: load },
  ...extra,
});

// Window 06:00-12:00 on 2026-11-02, "now" 12:00; the previous period is 00:00-06:00.
export const NOW = new Date("2026-11-02T12:00:00Z");
export const WINDOW = { from: new Date("2026-11-02T06:00:00Z"), to: new Date("2026-11-02T12:00:00Z") };

export function dashboardFixture(): Record<string, unknown>[] {
  return [
    // shipment confirmations (SLA 20 min)
    ...flow(
      "SC-1",
      "shipment_confirmation",
      "east",
      [
        ["received", "source_api", "07:00:00"],
        ["acknowledged", "target_api", "07:00:02"],
      ],
      ship(1, "L-1", usd(100)),
    ),
    ...flow(
      "SC-2",
      "shipment_confirmation",
      "east",
      [
        ["received", "source_api", "07:10:00"],
        ["acknowledged", "target_api", "07:10:05"],
      ],
      ship(2, "L-1", eur(50)),
    ),
    ...flow(
      "SC-3",
      "shipment_confirmation",
      "east",
      [
        ["received", "source_api", "08:00:00"],
        ["failed", "target_api", "08:00:01", customerError],
      ],
      ship(3, "L-2", usd(200)),
    ),
    ...flow(
      "SC-4",
      "shipment_confirmation",
      "east",
      [
        ["received", "source_api", "08:05:00"],
        ["failed", "target_api", "08:05:01", customerError],
      ],
      ship(4, "L-2", usd(300)),
    ),
    ...flow(
      "SC-5",
      "shipment_confirmation",
      "south",
      [
        ["received", "source_api", "09:00:00"],
        ["published", "broker", "09:00:01"],
      ],
      ship(5, "L-3", usd(10)),
    ),
    ...flow("SC-6", "shipment_confirmation", "east", [["received", "source_api", "11:50:00"]], ship(6, "L-6", usd(1))),
    ...flow(
      "SC-7",
      "shipment_confirmation",
      "east",
      [
        ["received", "source_api", "03:00:00"],
        ["acknowledged", "target_api", "03:00:10"],
      ],
      ship(7, "L-0", usd(1)),
    ),
    ...flow(
      "SC-8",
      "shipment_confirmation",
      "east",
      [
        ["received", "source_api", "10:00:00"],
        ["acknowledged", "target_api", "10:00:01"],
      ],
      ship(8, "L-4", usd(70)),
    ),
    ...flow(
      "SC-9",
      "shipment_confirmation",
      "east",
      [
        ["received", "source_api", "11:30:00"],
        ["acknowledged", "target_api", "11:30:01"],
      ],
      ship(9, "L-5", usd(5)),
    ),
    // invoice postings (SLA 60 min), joined to shipments by shipment id
    ...flow(
      "IP-1",
      "invoice_posting",
      "east",
      [
        ["received", "source_api", "08:00:00"],
        ["acknowledged", "target_api", "08:00:03"],
      ],
      { businessKey: "INV-1", refs: { invoiceId: "INV-1", shipmentId: "SHP-1", loadId: "L-1" }, ...usd(100) },
    ),
    ...flow(
      "IP-2",
      "invoice_posting",
      "east",
      [
        ["received", "source_api", "09:19:59"],
        [
          "failed",
          "target_api",
          "09:20:00",
          { error: { code: "INVOICE_PERIOD_CLOSED", message: "Posting period 11 is closed", retryable: false } },
        ],
      ],
      { businessKey: "INV-2", refs: { invoiceId: "INV-2", shipmentId: "SHP-2", loadId: "L-1" }, ...eur(50) },
    ),
    // order releases (SLA 15 min): one clean, one failed in the mapping then replayed
    ...flow(
      "OR-1",
      "order_release",
      "central",
      [
        ["received", "source_api", "07:00:00"],
        ["acknowledged", "target_api", "07:00:01"],
      ],
      { businessKey: "SO-1", refs: { orderId: "SO-1" }, traceId: "trace-or-1" },
    ),
    ...flow(
      "OR-2",
      "order_release",
      "central",
      [
        ["received", "source_api", "07:00:00"],
        [
          "failed",
          "middleware",
          "07:00:01",
          { error: { code: "MAPPING_ERROR", message: "Unit of measure EA2 has no mapping", retryable: false } },
        ],
        ["replay_requested", "middleware", "07:30:00", { attempt: 2 }],
        ["acknowledged", "target_api", "07:30:04", { attempt: 2 }],
      ],
      { businessKey: "SO-2", refs: { orderId: "SO-2" } },
    ),
    // one inventory snapshot: 4 SKU-locations, one off by 2 units
    ...flow("SNAP-1", "inventory_snapshot", "east", [
      [
        "received",
        "source_api",
        "06:30:00",
        {
          payload: {
            rows: [
              { wmsOnHand: 10, erpOnHand: 10 },
              { wmsOnHand: 5, erpOnHand: 5 },
              { wmsOnHand: 7, erpOnHand: 9 },
              { wmsOnHand: 3, erpOnHand: 3 },
            ],
          },
        },
      ],
      ["acknowledged", "target_api", "06:30:10"],
    ]),
  ];
}
