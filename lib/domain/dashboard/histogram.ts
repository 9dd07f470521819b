// Latency percentiles from log-scale histograms. Exact percentiles cannot be merged across
// hours, workflows or sites; histogram bins can (add the counts), so the dashboards keep
// bins in rollup_latency and read percentiles from the merged bins.
//
// Bin b >= 1 holds [1.05^(b-1), 1.05^b) ms, so a bin is 5% wide and its geometric middle
// is within ~2.5% of any value in it. Bin 0 holds everything under 1 ms. The SQL that
// fills the bins (lib/jobs/rollups/refresh-rollups.ts) computes the same formula.

export const BIN_GROWTH = 1.05;
const LN_GROWTH = Math.log(BIN_GROWTH);

export interface HistogramBin {
  bin: number;
  count: number;
}

export function latencyBin(ms: number): number {
  return ms < 1 ? 0 : Math.floor(Math.log(ms) / LN_GROWTH) + 1;
}

// The value a bin stands for: the geometric middle of its bounds, rounded to a millisecond.
export function binValue(bin: number): number {
  return bin <= 0 ? 0 : Math.round(BIN_GROWTH ** (bin - 0.5));
}

// Nearest-rank percentile (p in (0, 1]): the smallest value with at least p of the
// observations at or below it. The same definition as exactPercentile, on bins.
export function percentileFromHistogram(bins: readonly HistogramBin[], p: number): number | null {
  const total = bins.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const b of [...bins].sort((x, y) => x.bin - y.bin)) {
    seen += b.count;
    if (seen >= rank) return binValue(b.bin);
  }
  return binValue(Math.max(...bins.map((b) => b.bin)));
}

export function exactPercentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}

export function mergeHistograms(histograms: readonly (readonly HistogramBin[])[]): HistogramBin[] {
  const counts = new Map<number, number>();
  for (const h of histograms) for (const b of h) counts.set(b.bin, (counts.get(b.bin) ?? 0) + b.count);
  return [...counts].map(([bin, count]) => ({ bin, count })).sort((a, b) => a.bin - b.bin);
}

export interface LatencySummary {
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export function summarizeLatency(bins: readonly HistogramBin[]): LatencySummary {
  return {
    count: bins.reduce((n, b) => n + b.count, 0),
    p50Ms: percentileFromHistogram(bins, 0.5),
    p95Ms: percentileFromHistogram(bins, 0.95),
    p99Ms: percentileFromHistogram(bins, 0.99),
  };
}
