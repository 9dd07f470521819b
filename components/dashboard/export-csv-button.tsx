"use client";

// "Export CSV" for a list already on screen (a dashboard card's rows): the file is built
// in the browser from exactly what the card shows, with the same columns as lib/csv.
export function ExportCsvButton({ onClick, label = "Export CSV" }: { onClick: () => void; label?: string }) {
  return (
    <button type="button" onClick={onClick} className="inline-flex h-7 items-center rounded-md border border-zinc-300 bg-white px-2.5 text-xs text-zinc-700 hover:border-zinc-400 hover:text-zinc-950">
      {label}
    </button>
  );
}
