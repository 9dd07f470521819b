import Link from "next/link";
import { transactionHref } from "@/components/transactions/transaction-href";
import { StatusBadge } from "@/components/ui/status-badge";
import type { SearchResponse } from "@/lib/queries/search-transactions";
import { SEARCH_FIELD_LABELS } from "./search-field-labels";
import { searchPageHref } from "./search-href";

// Several hits: listed under the box; each is a link, so Tab and Enter work as everywhere else.
export function SearchResultsPopover({ result, onPick }: { result: SearchResponse; onPick: () => void }) {
  return (
    <div
      className="absolute left-0 right-0 top-full z-20 mt-1 rounded-lg border border-zinc-200 bg-white shadow-lg"
      data-testid="search-results"
    >
      {result.hits.length === 0 ? (
        <p className="px-3 py-3 text-sm text-zinc-600">
          No transaction matches <span className="font-mono">{result.query}</span> in your sites.
        </p>
      ) : (
        <>
          <ul className="max-h-96 divide-y divide-zinc-100 overflow-y-auto">
            {result.hits.map((h) => (
              <li key={h.id}>
                <Link
                  href={transactionHref(h.id)}
                  onClick={onPick}
                  className="flex items-center gap-2 px-3 py-2 text-sm hover:bg-zinc-50 focus:bg-zinc-50 focus:outline-none"
                >
                  <StatusBadge status={h.status} />
                  <span className="min-w-0 flex-1 truncate">
                    <span className="font-medium text-zinc-900">{h.label}</span>{" "}
                    <span className="text-zinc-500">{h.workflow}</span>
                  </span>
                  <span className="shrink-0 text-xs text-zinc-500">
                    {h.exact ? "" : "starts with · "}
                    {SEARCH_FIELD_LABELS[h.matchedOn]}
                    {h.site ? ` · ${h.site}` : ""}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <Link
            href={searchPageHref(result.query)}
            onClick={onPick}
            className="block border-t border-zinc-200 px-3 py-2 text-xs text-blue-700 hover:underline"
          >
            {result.truncated ? "More matches: see them all" : "Open as a list"}
          </Link>
        </>
      )}
    </div>
  );
}
