import type { ReactNode } from "react";

// The table shell every list shares: scrolls sideways on narrow screens, a caption for
// screen readers, column headers with scope. Rows are the caller's.
export function DataTable({
  caption,
  headers,
  minWidth,
  children,
}: {
  caption: string;
  headers: readonly string[];
  minWidth: string;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-left text-sm" style={{ minWidth }}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600">
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">{children}</tbody>
      </table>
    </div>
  );
}
