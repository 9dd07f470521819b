// The bulk replay estimate in one sentence, e.g. "412 transactions, USD 1.2M, EUR 80K; 3
// already posted will be skipped; target erp-cloud at most 20/s, about 25 s". Values stay
// per currency: adding dollars to euros would be a number nobody can act on. Unchecked ones
// are counted in the total (they are sent), and named so nobody takes the count as final.

export interface EstimateForText {
  toReplay: number;
  skipped: number;
  noEndpoint: number;
  alreadyPosted: number;
  unchecked: number;
  values: { currency: string; amount: string }[];
  targets: { system: string; count: number; ratePerSecond: number; seconds: number }[];
}

export function describeBulkEstimate(e: EstimateForText): string {
  const parts = [
    [`${count(e.toReplay, "transaction")}`, ...e.values.map((v) => `${v.currency} ${compact(Number(v.amount))}`)].join(
      ", ",
    ),
  ];
  if (e.alreadyPosted > 0) parts.push(`${e.alreadyPosted.toLocaleString("en-US")} already posted will be skipped`);
  const skipped = e.skipped + e.noEndpoint;
  if (skipped > 0)
    parts.push(
      `${skipped.toLocaleString("en-US")} ${e.alreadyPosted > 0 ? "more " : ""}will be skipped${e.noEndpoint > 0 ? ` (${e.noEndpoint.toLocaleString("en-US")} without a replay endpoint)` : ""}`,
    );
  if (e.unchecked > 0)
    parts.push(`${e.unchecked.toLocaleString("en-US")} not checked for an existing record yet (checked when sent)`);
  for (const t of e.targets)
    parts.push(`target ${t.system} at most ${t.ratePerSecond.toLocaleString("en-US")}/s, about ${duration(t.seconds)}`);
  return parts.join("; ");
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

export function compact(amount: number): string {
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(amount);
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}
