import type { UnpostedLoadsView } from "@/lib/queries/dashboard-views/load-unposted-loads";
import type { CsvColumn } from "./csv";
import { moneyCell } from "./money-cell";

type Row = UnpostedLoadsView["loads"][number];

// Unposted loads as a spreadsheet, oldest shipment first: one row per load and where it is held.
export const UNPOSTED_LOAD_CSV_COLUMNS: readonly CsvColumn<Row>[] = [
  { header: "load_id", value: (l) => l.loadId },
  { header: "site", value: (l) => l.site },
  { header: "held_at", value: (l) => l.heldAt },
  { header: "shipments", value: (l) => l.shipments },
  { header: "shipped_at_utc", value: (l) => l.shippedAt },
  { header: "age_minutes", value: (l) => l.ageMinutes },
  { header: "value", value: (l) => moneyCell(l.value) },
  { header: "error_code", value: (l) => l.errorCode },
];
