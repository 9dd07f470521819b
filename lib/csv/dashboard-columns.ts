import type { Money } from "@/lib/domain/dashboard/money";
import type { KpiView } from "@/lib/queries/dashboard-views/kpis-view";
import type { ErrorSignatureView, StuckTransactionView } from "@/lib/queries/dashboard-views/workflow-detail-view";
import { formatKpiBasis, formatKpiFigure } from "@/lib/format/figures";
import type { CsvColumn } from "./csv";

// Columns of the lists on the dashboard views, exported from the rows already on screen.
// Values are already null for roles that may not see them; money stays one entry per
// currency ("USD 1200.5000; EUR 50.0000"), never added across currencies.

export function moneyCell(value: readonly Money[] | null): string | null {
  return value === null ? null : value.map((m) => `${m.currency} ${m.amount}`).join("; ");
}

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

export const ERROR_SIGNATURE_CSV_COLUMNS: readonly CsvColumn<ErrorSignatureView>[] = [
  { header: "error_signature", value: (e) => e.errorSignature },
  { header: "error_code", value: (e) => e.errorCode },
  { header: "layer", value: (e) => e.layer },
  { header: "target", value: (e) => e.targetSystem },
  { header: "transactions", value: (e) => e.transactions },
  { header: "open", value: (e) => e.open },
  { header: "value", value: (e) => moneyCell(e.value) },
  { header: "first_seen_utc", value: (e) => e.firstSeen },
  { header: "last_seen_utc", value: (e) => e.lastSeen },
  { header: "sites", value: (e) => e.sites.filter(Boolean).join(" ") },
];

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
