import type { ErrorSignatureView } from "@/lib/queries/dashboard-views/load-workflow-detail";
import type { CsvColumn } from "./csv";
import { moneyCell } from "./money-cell";

// Error signatures as a spreadsheet, most affected transactions first: the Failures
// view's list and a workflow's top errors alike. `value` is already empty (or null) for
// roles that may not see values.
export const FAILURE_SIGNATURE_CSV_COLUMNS: readonly CsvColumn<ErrorSignatureView>[] = [
  { header: "layer", value: (s) => s.layer },
  { header: "target", value: (s) => s.targetSystem },
  { header: "error_code", value: (s) => s.errorCode },
  { header: "transactions", value: (s) => s.transactions },
  { header: "open", value: (s) => s.open },
  { header: "value", value: (s) => moneyCell(s.value) },
  { header: "first_seen_utc", value: (s) => s.firstSeen },
  { header: "last_seen_utc", value: (s) => s.lastSeen },
  { header: "workflows", value: (s) => s.workflows.join("; ") },
  { header: "sites", value: (s) => s.sites.join("; ") },
  { header: "error_signature", value: (s) => s.errorSignature },
];
