import type { StuckTransactionView } from "@/lib/queries/dashboard-views/load-workflow-detail";
import type { CsvColumn } from "./csv";

// A workflow's stuck transactions as a spreadsheet, oldest first. The amount is already
// null for roles that may not see values.
export const STUCK_TRANSACTION_CSV_COLUMNS: readonly CsvColumn<StuckTransactionView>[] = [
  { header: "business_key", value: (t) => t.businessKey },
  { header: "transaction_id", value: (t) => t.externalId },
  { header: "site", value: (t) => t.site },
  { header: "status", value: (t) => t.status },
  { header: "layer", value: (t) => t.currentLayer },
  { header: "error_code", value: (t) => t.errorCode },
  { header: "error_message", value: (t) => t.errorMessage },
  { header: "last_progress_utc", value: (t) => t.lastEventAt },
  { header: "value_amount", value: (t) => t.valueAmount },
  { header: "value_currency", value: (t) => t.valueCurrency },
  { header: "crossdock_id", value: (t) => t.id },
];
