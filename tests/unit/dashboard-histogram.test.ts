import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  binValue,
  exactPercentile,
  type HistogramBin,
  latencyBin,
  mergeHistograms,
  percentileFromHistogram,
} from "@/lib/domain/dashboard/histogram";

function histogramOf(values: number[]): HistogramBin[] {
  return mergeHistograms([values.map((v) => ({ bin: latencyBin(v), count: 1 }))]);
}

describe("latency histogram", () => {
  it("puts values in 5%-wide bins whose middle is within 2.5% of the value (plus rounding to a millisecond)", () => {
    expect(latencyBin(0)).toBe(0);
    expect(latencyBin(1)).toBe(1);
    expect(latencyBin(1.05)).toBe(2);
    expect(latencyBin(1000)).toBe(Math.floor(Math.log(1000) / Math.log(1.05)) + 1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * 86_400_000 }), (ms) => {
        expect(Math.abs(binValue(latencyBin(ms)) - ms)).toBeLessThanOrEqual(0.0247 * ms + 0.5);
      }),
    );
  });

  it("reads nearest-rank percentiles: the bin of the exact percentile", () => {
    // 1..100 ms: p50 is 50, p95 is 95, p99 is 99
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(exactPercentile(values, 0.5)).toBe(50);
    expect(exactPercentile(values, 0.95)).toBe(95);
    expect(percentileFromHistogram(histogramOf(values), 0.5)).toBe(binValue(latencyBin(50)));
    expect(percentileFromHistogram(histogramOf(values), 0.95)).toBe(binValue(latencyBin(95)));
    expect(percentileFromHistogram([], 0.5)).toBeNull();
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3_600_000 }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.5, 0.95, 0.99),
        (vs, p) => {
          expect(percentileFromHistogram(histogramOf(vs), p)).toBe(binValue(latencyBin(exactPercentile(vs, p)!)));
        },
      ),
    );
  });

  it("merges histograms by adding counts per bin, so merged percentiles equal those of the union", () => {
    const a = [10, 20, 30, 4000];
    const b = [15, 25, 5000, 6000, 7000];
    const merged = mergeHistograms([histogramOf(a), histogramOf(b)]);
    expect(merged.reduce((n, x) => n + x.count, 0)).toBe(9);
    expect(percentileFromHistogram(merged, 0.5)).toBe(percentileFromHistogram(histogramOf([...a, ...b]), 0.5));
    expect(percentileFromHistogram(merged, 0.5)).toBe(binValue(latencyBin(30)));
  });
});
