import { formatKpiBasis, formatKpiFigure } from "@/lib/format/figures";
import type { KpiView } from "@/lib/queries/dashboard-views/load-kpis";
import type { CsvColumn } from "./csv";

// The KPIs as a spreadsheet: the figures as the table prints them, and the headline
// numbers behind the trend for anyone who wants to chart them.
export const KPI_CSV_COLUMNS: readonly CsvColumn<KpiView>[] = [
  { header: "kpi", value: (k) => k.name },
  { header: "current", value: (k) => formatKpiFigure(k.current) },
  { header: "current_basis", value: (k) => formatKpiBasis(k.current) },
  { header: "previous", value: (k) => formatKpiFigure(k.previous) },
  // the headline number compared: p50 in ms for durations, a share (0..1) for rates
  { header: "headline_current", value: (k) => k.trend.current },
  { header: "headline_previous", value: (k) => k.trend.previous },
  { header: "change_relative", value: (k) => k.trend.relative },
  { header: "better", value: (k) => k.better },
  { header: "definition", value: (k) => k.definition },
];
