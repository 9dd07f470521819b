import { describe, expect, it } from "vitest";
import {
  bucketSizeFor,
  dashboardQueryKey,
  loadDashboardParams,
  resolveTimeWindow,
  serializeDashboardParams,
} from "@/lib/filters/dashboard-params";

const NOW = new Date("2026-11-02T12:00:00.000Z");
const HOUR = 3_600_000;

describe("loadDashboardParams", () => {
  it("defaults to the last 24 hours, every site and every workflow", () => {
    expect(loadDashboardParams({})).toEqual({ range: "24h", from: null, to: null, site: [], workflow: [] });
  });

  it("reads presets, lists and custom bounds from the URL", () => {
    const p = loadDashboardParams(
      new URLSearchParams(
        "range=custom&from=2026-11-01T00:00:00.000Z&to=2026-11-02T00:00:00.000Z&site=south,east&workflow=order_release",
      ),
    );
    expect(p.range).toBe("custom");
    expect(p.from?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(p.to?.toISOString()).toBe("2026-11-02T00:00:00.000Z");
    expect(p.site).toEqual(["east", "south"]);
    expect(p.workflow).toEqual(["order_release"]);
  });

  it("falls back to the default for an unknown range instead of failing the page", () => {
    expect(loadDashboardParams({ range: "90d" }).range).toBe("24h");
  });

  it("drops blank and duplicate codes and sorts them, so the same filter has one value", () => {
    expect(loadDashboardParams({ site: "south,,east,south, " }).site).toEqual(["east", "south"]);
  });

  it("round-trips through the serializer, leaving defaults out of the URL", () => {
    const p = loadDashboardParams({ range: "7d", site: "east,south" });
    const query = serializeDashboardParams(p);
    expect(query).toBe("?range=7d&site=east,south");
    expect(loadDashboardParams(new URLSearchParams(query))).toEqual(p);
    expect(serializeDashboardParams(loadDashboardParams({}))).toBe("");
  });
});

describe("resolveTimeWindow", () => {
  it("ends a preset at now", () => {
    const w = resolveTimeWindow({ range: "7d", from: null, to: null }, NOW);
    expect(w.to).toEqual(NOW);
    expect(NOW.getTime() - w.from.getTime()).toBe(7 * 24 * HOUR);
    expect(w.bucketMs).toBe(HOUR);
    expect(w.fellBack).toBe(false);
  });

  it("takes a custom range as given", () => {
    const from = new Date("2026-10-01T00:00:00Z");
    const to = new Date("2026-10-03T00:00:00Z");
    expect(resolveTimeWindow({ range: "custom", from, to }, NOW)).toEqual({
      from,
      to,
      bucketMs: HOUR / 2,
      fellBack: false,
    });
  });

  it("falls back to 24 hours when a custom range is missing a bound or is backwards", () => {
    const to = new Date("2026-10-01T00:00:00Z");
    for (const bounds of [
      { from: null, to },
      { from: new Date("2026-10-02T00:00:00Z"), to },
    ]) {
      const w = resolveTimeWindow({ range: "custom", ...bounds }, NOW);
      expect(w.fellBack).toBe(true);
      expect(NOW.getTime() - w.from.getTime()).toBe(24 * HOUR);
    }
  });
});

describe("bucketSizeFor", () => {
  it("keeps charts between a handful and 180 points", () => {
    expect(bucketSizeFor(HOUR)).toBe(60_000);
    expect(bucketSizeFor(24 * HOUR)).toBe(15 * 60_000);
    expect(bucketSizeFor(30 * 24 * HOUR)).toBe(6 * HOUR);
    expect((365 * 24 * HOUR) / bucketSizeFor(365 * 24 * HOUR)).toBeLessThanOrEqual(180);
  });
});

describe("dashboardQueryKey", () => {
  it("is the same for the same filter picked in another order", () => {
    const a = loadDashboardParams({ site: "east,south" });
    const b = { ...a, site: ["south", "east"] };
    expect(dashboardQueryKey("overview", b)).toEqual(dashboardQueryKey("overview", a));
  });

  it("holds every filter, and custom bounds only for a custom range", () => {
    expect(dashboardQueryKey("stuck", loadDashboardParams({ range: "1h", workflow: "returns" }))).toEqual([
      "dashboard",
      "stuck",
      { range: "1h", site: [], workflow: ["returns"] },
    ]);
    const custom = loadDashboardParams({
      range: "custom",
      from: "2026-10-01T00:00:00.000Z",
      to: "2026-10-02T00:00:00.000Z",
    });
    expect(dashboardQueryKey("kpis", custom)[2]).toMatchObject({
      from: "2026-10-01T00:00:00.000Z",
      to: "2026-10-02T00:00:00.000Z",
    });
    expect(dashboardQueryKey("kpis", custom)).not.toEqual(dashboardQueryKey("kpis", { ...custom, site: ["east"] }));
  });
});
