import { toCsv, type CsvColumn } from "@/lib/csv/csv";

// For lists whose rows are already in the browser (a dashboard card's TanStack query
// data): the same CSV as the export routes, without another round trip.
export function downloadCsv<T>(filename: string, columns: readonly CsvColumn<T>[], rows: readonly T[]): void {
  const url = URL.createObjectURL(new Blob([toCsv(columns, rows)], { type: "text/csv;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  link.click();
  URL.revokeObjectURL(url);
}
