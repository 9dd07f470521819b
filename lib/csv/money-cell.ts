import type { Money } from "@/lib/domain/dashboard/money";

// A value per currency in one spreadsheet cell, "500.0000 USD; 50.0000 EUR": currencies are
// never added together, and the amounts keep their 4 places so they sum exactly. null (a
// value hidden from the role) stays an empty cell.
export function moneyCell(value: readonly Money[]): string;
export function moneyCell(value: readonly Money[] | null): string | null;
export function moneyCell(value: readonly Money[] | null): string | null {
  return value === null ? null : value.map((m) => `${m.amount} ${m.currency}`).join("; ");
}
