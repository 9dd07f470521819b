import type { SearchField } from "@/lib/queries/search-transactions";

// How a hit is explained in the result list ("matched on shipment").
export const SEARCH_FIELD_LABELS: Record<SearchField, string> = {
  businessKey: "business key",
  orderId: "order",
  shipmentId: "shipment",
  loadId: "load",
  invoiceId: "invoice",
  sku: "SKU",
  customerId: "customer",
  transactionId: "transaction id",
  traceId: "trace id",
  id: "Crossdock id",
};
