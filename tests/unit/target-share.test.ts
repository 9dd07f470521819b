import { describe, expect, it } from "vitest";
import { shareOf } from "@/lib/jobs/replay/target-limiter";

// Each live worker's share of a target's limits (lib/jobs/replay/target-limiter.ts).
describe("shareOf", () => {
  it("one worker takes the whole limit", () => {
    expect(shareOf({ concurrency: 10, ratePerSecond: 20 }, 1)).toEqual({ concurrency: 10, ratePerSecond: 20 });
  });

  it("splits evenly; concurrency rounds down so the sum never exceeds the limit", () => {
    expect(shareOf({ concurrency: 10, ratePerSecond: 20 }, 2)).toEqual({ concurrency: 5, ratePerSecond: 10 });
    expect(shareOf({ concurrency: 10, ratePerSecond: 20 }, 3)).toEqual({ concurrency: 3, ratePerSecond: 20 / 3 });
  });

  it("every worker may send one at a time even when workers outnumber the concurrency", () => {
    expect(shareOf({ concurrency: 2, ratePerSecond: 20 }, 5)).toEqual({ concurrency: 1, ratePerSecond: 4 });
  });

  it("treats no registered worker as one", () => {
    expect(shareOf({ concurrency: 4, ratePerSecond: 20 }, 0)).toEqual({ concurrency: 4, ratePerSecond: 20 });
  });
});
