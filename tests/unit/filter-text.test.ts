import { describe, expect, it } from "vitest";
import { fromUtcInputValue, multiSelectSummary, toggleValue, toUtcInputValue } from "@/components/filters/filter-text";
import { formatUpdatedAgo } from "@/components/ui/format";

const SITES = { one: "site", many: "sites" };

describe("filter bar text", () => {
  it("summarises a multi-select: all, names, then a count", () => {
    expect(multiSelectSummary([], SITES)).toBe("All sites");
    expect(multiSelectSummary(["east", "south"], SITES)).toBe("east, south");
    expect(multiSelectSummary(["central", "east", "south"], SITES)).toBe("3 sites");
  });

  it("toggles a value in or out, keeping the list sorted", () => {
    expect(toggleValue(["south"], "east")).toEqual(["east", "south"]);
    expect(toggleValue(["east", "south"], "east")).toEqual(["south"]);
  });

  it("reads and writes datetime-local values as UTC, refusing half-typed ones", () => {
    const d = new Date("2026-11-02T09:15:00.000Z");
    expect(toUtcInputValue(d)).toBe("2026-11-02T09:15");
    expect(fromUtcInputValue("2026-11-02T09:15")).toEqual(d);
    expect(fromUtcInputValue("2026-11-02T")).toBeNull();
    expect(toUtcInputValue(null)).toBe("");
  });
});

describe("formatUpdatedAgo", () => {
  it("counts seconds, then minutes, then hours", () => {
    expect(formatUpdatedAgo(1_200)).toBe("updated just now");
    expect(formatUpdatedAgo(12_400)).toBe("updated 12s ago");
    expect(formatUpdatedAgo(4 * 60_000 + 5_000)).toBe("updated 4 min ago");
    expect(formatUpdatedAgo(2 * 3_600_000)).toBe("updated 2 h ago");
    expect(formatUpdatedAgo(-5_000)).toBe("updated just now");
  });
});
