import type { FailureSignaturesView } from "@/lib/queries/dashboard-views/load-failure-signatures";
import type { CsvColumn } from "./csv";
import { moneyCell } from "./money-cell";

type Row = FailureSignaturesView["signatures"][number];

// Error signatures as a spreadsheet, most affected transactions first. `value` is already
// empty for roles that may not see values.
export const FAILURE_SIGNATURE_CSV_COLUMNS: readonly CsvColumn<Row>[] = [
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
