import type { HeldAt } from "@/lib/queries/dashboard/get-unposted-loads";

// Where a shipped load is held, as finance says it, with the system that has to act.
export const HELD_AT_LABELS: Record<HeldAt, string> = {
  shipment_not_delivered: "Shipment confirmation not delivered to the ERP",
  invoice_failed: "Invoice posting failed",
  awaiting_invoice: "Delivered, no invoice posted yet",
};

export const HELD_AT_SHORT: Record<HeldAt, string> = {
  shipment_not_delivered: "Shipment not delivered",
  invoice_failed: "Invoice failed",
  awaiting_invoice: "Awaiting invoice",
};

export const HELD_AT_ORDER: readonly HeldAt[] = ["shipment_not_delivered", "invoice_failed", "awaiting_invoice"];
