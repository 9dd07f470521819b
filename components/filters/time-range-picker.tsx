"use client";

import { useState } from "react";
import { TIME_RANGES, type TimeRange } from "@/lib/filters/dashboard-params";
import { fromUtcInputValue, toUtcInputValue } from "./filter-text";

const LABELS: Record<TimeRange, string> = { "1h": "1h", "24h": "24h", "7d": "7d", "30d": "30d", custom: "Custom" };
const LONG_LABELS: Record<TimeRange, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom range",
};

// Presets as a segmented radio group; "Custom" reveals two UTC inputs applied together,
// so half-typed dates never reach the URL.
export function TimeRangePicker(props: {
  range: TimeRange;
  from: Date | null;
  to: Date | null;
  onChange: (next: { range: TimeRange; from?: Date | null; to?: Date | null }) => void;
}) {
  const { range, from, to, onChange } = props;
  const [draftFrom, setDraftFrom] = useState(toUtcInputValue(from));
  const [draftTo, setDraftTo] = useState(toUtcInputValue(to));
  const [customOpen, setCustomOpen] = useState(range === "custom");
  const parsedFrom = fromUtcInputValue(draftFrom);
  const parsedTo = fromUtcInputValue(draftTo);
  const customValid = parsedFrom !== null && parsedTo !== null && parsedFrom < parsedTo;

  return (
    <div className="flex flex-wrap items-end gap-3">
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-xs font-medium text-zinc-600">Time range</legend>
        <div className="flex h-9 overflow-hidden rounded-md border border-zinc-300 bg-white text-sm">
          {TIME_RANGES.map((r) => {
            const checked = r === "custom" ? customOpen || range === "custom" : range === r && !customOpen;
            return (
              <label
                key={r}
                title={LONG_LABELS[r]}
                className={`flex cursor-pointer items-center border-r border-zinc-200 px-3 last:border-r-0 focus-within:ring-2 focus-within:ring-inset focus-within:ring-blue-600 ${checked ? "bg-zinc-900 text-white" : "text-zinc-700 hover:bg-zinc-50"}`}
              >
                <input
                  type="radio"
                  name="time-range"
                  value={r}
                  checked={checked}
                  aria-label={LONG_LABELS[r]}
                  onChange={() => {
                    if (r === "custom") return setCustomOpen(true);
                    setCustomOpen(false);
                    onChange({ range: r });
                  }}
                  className="sr-only"
                />
                {LABELS[r]}
              </label>
            );
          })}
        </div>
      </fieldset>
      {customOpen ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (customValid) onChange({ range: "custom", from: parsedFrom, to: parsedTo });
          }}
        >
          <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
            From (UTC)
            <input
              type="datetime-local"
              value={draftFrom}
              onChange={(e) => setDraftFrom(e.target.value)}
              className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900"
            />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
            To (UTC)
            <input
              type="datetime-local"
              value={draftTo}
              onChange={(e) => setDraftTo(e.target.value)}
              className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900"
            />
          </label>
          <button
            type="submit"
            disabled={!customValid}
            className="h-9 rounded-md bg-zinc-900 px-3 text-sm font-medium text-white hover:bg-zinc-700 disabled:cursor-not-allowed disabled:opacity-40"
          >
            Apply
          </button>
        </form>
      ) : null}
    </div>
  );
}
