import type { TransactionSummary } from "@/lib/queries/transaction-summary";
import type { CsvColumn } from "./csv";

// The transaction list's columns, plus what a spreadsheet needs that the screen shows
// elsewhere (references, value, error). `value` is already null for roles that may not see it.
export const TRANSACTION_CSV_COLUMNS: readonly CsvColumn<TransactionSummary>[] = [
  { header: "status", value: (t) => t.status },
  { header: "workflow", value: (t) => t.workflow },
  { header: "site", value: (t) => t.site },
  { header: "layer", value: (t) => t.layer },
  { header: "failed_layer", value: (t) => t.failedLayer },
  { header: "business_key", value: (t) => t.businessKey },
  { header: "transaction_id", value: (t) => t.transactionId },
  { header: "sender", value: (t) => t.sender },
  { header: "source", value: (t) => t.source },
  { header: "target", value: (t) => t.target },
  { header: "attempts", value: (t) => t.attempts },
  { header: "first_event_utc", value: (t) => t.firstEventAt },
  { header: "last_event_utc", value: (t) => t.lastEventAt },
  { header: "order_id", value: (t) => t.refs.orderId },
  { header: "shipment_id", value: (t) => t.refs.shipmentId },
  { header: "load_id", value: (t) => t.refs.loadId },
  { header: "invoice_id", value: (t) => t.refs.invoiceId },
  { header: "sku", value: (t) => t.refs.sku },
  { header: "customer_id", value: (t) => t.refs.customerId },
  { header: "value_amount", value: (t) => t.value?.amount },
  { header: "value_currency", value: (t) => t.value?.currency },
  { header: "error_code", value: (t) => t.error?.code },
  { header: "error_message", value: (t) => t.error?.message },
  { header: "crossdock_id", value: (t) => t.id },
];
