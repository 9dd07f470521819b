import type { StuckWorkView } from "@/lib/queries/dashboard-views/load-stuck-work";
import type { CsvColumn } from "./csv";
import { moneyCell } from "./money-cell";

type Row = StuckWorkView["groups"][number];

// The Stuck work list as a spreadsheet: one row per group, in business-impact order.
// `value` is already empty for roles that may not see values.
export const STUCK_GROUP_CSV_COLUMNS: readonly CsvColumn<Row>[] = [
  { header: "workflow", value: (g) => g.workflow },
  { header: "site", value: (g) => g.site },
  { header: "status", value: (g) => g.cause.status },
  { header: "layer", value: (g) => g.cause.layer },
  { header: "target", value: (g) => g.cause.targetSystem },
  { header: "error_code", value: (g) => g.cause.errorCode },
  { header: "error_message", value: (g) => g.cause.errorMessage },
  { header: "transactions", value: (g) => g.count },
  { header: "waiting_since_utc", value: (g) => g.oldestSince },
  { header: "oldest_age_minutes", value: (g) => g.oldestAgeMinutes },
  { header: "value", value: (g) => moneyCell(g.value) },
  { header: "summary", value: (g) => g.sentence },
  { header: "error_signature", value: (g) => g.errorSignature },
];
