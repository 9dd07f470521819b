// Small pure helpers of the filter bar, kept apart so they are tested without a browser.

// The button text of a multi-select: "All sites", "east", "east, south", "4 sites".
export function multiSelectSummary(
  selected: readonly string[],
  noun: { one: string; many: string },
  shownNames = 2,
): string {
  if (selected.length === 0) return `All ${noun.many}`;
  if (selected.length <= shownNames) return selected.join(", ");
  return `${selected.length} ${noun.many}`;
}

// <input type="datetime-local"> has no time zone; the dashboards speak UTC (as the rest of Crossdock does).
export function toUtcInputValue(date: Date | null): string {
  return date ? date.toISOString().slice(0, 16) : "";
}

export function fromUtcInputValue(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function toggleValue(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value].sort();
}
