import { describe, expect, it } from "vitest";
import { fillBuckets } from "@/lib/charts/buckets";
import { shapeSparkline } from "@/lib/charts/shape-sparkline";
import { shapeTimeSeries } from "@/lib/charts/shape-time-series";

const HOUR = 3_600_000;
const FROM = new Date("2026-11-02T00:00:00Z");
const WINDOW = { from: FROM, to: new Date(FROM.getTime() + 4 * HOUR), bucketMs: HOUR };
const at = (hours: number) => new Date(FROM.getTime() + hours * HOUR).toISOString();

describe("fillBuckets", () => {
  it("gives every bucket of the window, adds up rows of one bucket and drops rows outside", () => {
    const points = fillBuckets(
      [
        { at: at(1), value: 2 },
        { at: at(1.5), value: 3 },
        { at: at(-1), value: 99 },
        { at: at(9), value: 99 },
      ],
      WINDOW,
      0,
    );
    expect(points.map((p) => p.value)).toEqual([0, 5, 0, 0, 0]);
    expect(points[0]!.t).toBe(FROM.getTime());
  });
});

describe("shapeSparkline", () => {
  it("fills quiet buckets with zeros and sums the window", () => {
    const s = shapeSparkline(
      [
        { at: at(0), value: 4 },
        { at: at(4), value: 1 },
      ],
      WINDOW,
    );
    expect(s.points.map((p) => p.value)).toEqual([4, 0, 0, 0, 1]);
    expect(s).toMatchObject({ total: 5, latest: 1, isEmpty: false });
  });

  it("is empty when nothing happened, rather than a flat line", () => {
    expect(shapeSparkline([], WINDOW).isEmpty).toBe(true);
    expect(shapeSparkline([{ at: at(2), value: 0 }], WINDOW).isEmpty).toBe(true);
  });
});

describe("shapeTimeSeries", () => {
  it("leaves gaps where there is no data and counts buckets over the SLA", () => {
    const s = shapeTimeSeries(
      [
        { at: at(0), value: 100 },
        { at: at(2), value: 900 },
      ],
      WINDOW,
      500,
    );
    expect(s.points.map((p) => p.value)).toEqual([100, null, 900, null, null]);
    expect(s.bucketsOverSla).toBe(1);
    expect(s.yMax).toBeCloseTo(990);
    expect(s.isEmpty).toBe(false);
  });

  it("keeps the SLA line on the chart when every value is below it", () => {
    expect(shapeTimeSeries([{ at: at(0), value: 10 }], WINDOW, 500).yMax).toBeCloseTo(550);
  });

  it("is empty without data, and has no breaches without an SLA", () => {
    expect(shapeTimeSeries([], WINDOW, 500)).toMatchObject({ isEmpty: true, bucketsOverSla: 0 });
    expect(shapeTimeSeries([{ at: at(0), value: 10_000 }], WINDOW).bucketsOverSla).toBe(0);
  });
});
