"use client";

import { useEffect, useId, useRef, useState } from "react";
import { multiSelectSummary, toggleValue } from "./filter-text";

export interface MultiSelectOption {
  value: string;
  label: string;
}

// A button that opens a list of checkboxes. Native checkboxes in a fieldset, so keyboard
// and screen readers work without ARIA tricks; nothing selected means "all".
export function MultiSelect(props: {
  label: string;
  noun: { one: string; many: string };
  options: readonly MultiSelectOption[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
}) {
  const { label, noun, options, selected, onChange } = props;
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  // A value from the URL that the catalogue does not list still shows, instead of being silently ignored.
  const shown = [
    ...options,
    ...selected.filter((s) => !options.some((o) => o.value === s)).map((s) => ({ value: s, label: s })),
  ];

  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, [open]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape bubbles up from the button and the panel's checkboxes, which take the focus; the wrapper itself never does
    <div ref={rootRef} className="relative flex flex-col gap-1" onKeyDown={(e) => e.key === "Escape" && setOpen(false)}>
      <span className="text-xs font-medium text-zinc-600" id={`${panelId}-label`}>
        {label}
      </span>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-labelledby={`${panelId}-label ${panelId}-value`}
        onClick={() => setOpen((o) => !o)}
        className="flex h-9 min-w-44 items-center justify-between gap-2 rounded-md border border-zinc-300 bg-white px-3 text-left text-sm hover:border-zinc-400 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/20"
      >
        <span id={`${panelId}-value`} className="truncate">
          {multiSelectSummary(selected, noun)}
        </span>
        <span aria-hidden="true" className="text-zinc-400">
          ▾
        </span>
      </button>
      {open ? (
        <fieldset
          id={panelId}
          className="absolute left-0 top-full z-20 mt-1 max-h-72 w-64 overflow-y-auto rounded-lg border border-zinc-200 bg-white p-2 shadow-lg"
        >
          <legend className="sr-only">{label}</legend>
          {shown.length === 0 ? <p className="px-2 py-1 text-sm text-zinc-500">No {noun.many} yet</p> : null}
          {shown.map((o) => (
            <label
              key={o.value}
              className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-zinc-50"
            >
              <input
                type="checkbox"
                checked={selected.includes(o.value)}
                onChange={() => onChange(toggleValue(selected, o.value))}
                className="size-4 accent-zinc-900"
              />
              {o.label}
            </label>
          ))}
          {selected.length > 0 ? (
            <button
              type="button"
              onClick={() => onChange([])}
              className="mt-1 w-full rounded px-2 py-1 text-left text-xs text-blue-700 hover:bg-zinc-50"
            >
              All {noun.many}
            </button>
          ) : null}
        </fieldset>
      ) : null}
    </div>
  );
}
