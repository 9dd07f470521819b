import type { Money } from "@/lib/domain/dashboard/money";

// A value per currency in one spreadsheet cell, "500.0000 USD; 50.0000 EUR": currencies are
// never added together, and the amounts keep their 4 places so they sum exactly.
export function moneyCell(value: readonly Money[]): string {
  return value.map((m) => `${m.amount} ${m.currency}`).join("; ");
}
