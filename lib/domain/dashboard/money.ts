// Values per currency. Amounts of different currencies are never added into one number:
// every total is a list with one entry per currency. Sums are exact decimal arithmetic
// (4 places, like the DECIMAL(18,4) columns), never floating point.

export interface Money {
  currency: string;
  amount: string; // decimal with 4 places, e.g. "1200.5000"
}

const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);

function toUnits(amount: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) throw new Error(`not a decimal amount: ${amount}`);
  const fraction = (m[3] ?? "").slice(0, SCALE).padEnd(SCALE, "0");
  const units = BigInt(m[2]!) * FACTOR + BigInt(fraction);
  return m[1] ? -units : units;
}

function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / FACTOR;
  const fraction = (abs % FACTOR).toString().padStart(SCALE, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

// Adds amounts per currency; entries without an amount or a currency carry no value.
export function sumByCurrency(items: readonly { amount: string | null; currency: string | null }[]): Money[] {
  const totals = new Map<string, bigint>();
  for (const { amount, currency } of items) {
    const code = currency?.trim();
    if (amount == null || !code) continue;
    totals.set(code, (totals.get(code) ?? 0n) + toUnits(amount));
  }
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, units]) => ({ currency, amount: fromUnits(units) }));
}

export function mergeMoney(lists: readonly (readonly Money[])[]): Money[] {
  return sumByCurrency(lists.flat());
}

// For ranking only (which group or workflow blocks more): the largest amount in any one
// currency. Amounts of different currencies are compared to rank, never added.
export function largestAmount(value: readonly Money[]): number {
  return value.reduce((max, m) => Math.max(max, Number(m.amount)), 0);
}
