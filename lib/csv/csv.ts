// CSV cells per RFC 4180, made safe to open in a spreadsheet: a cell that starts with
// = + - @ (or a tab / carriage return) would run as a formula, so it gets a leading '.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

// A list's columns for export: the header and how to read the cell from a row.
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return csvRow(columns.map((c) => c.header));
}

export function csvRows<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return rows.map((r) => csvRow(columns.map((c) => c.value(r)))).join("");
}

// The whole file: header and rows. For lists already in memory (a dashboard card's rows).
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return csvHeader(columns) + csvRows(columns, rows);
}

// "crossdock-transactions-2026-11-02.csv": what it is and when it was taken.
export function csvFilename(list: string, now: Date): string {
  return `crossdock-${list.replace(/[^a-z0-9-]+/gi, "-").toLowerCase()}-${now.toISOString().slice(0, 10)}.csv`;
}
