import Link from "next/link";
import { listHref, type ListParams } from "./list-params";

// Keyset pagination only moves forward; "First page" is the way back (a cursor has no "previous").
export function TransactionPagination({ params, nextCursor }: { params: ListParams; nextCursor: string | null }) {
  if (!params.cursor && !nextCursor) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      <div>
        {params.cursor ? (
          <Link href={listHref(params)} className="text-blue-700 hover:underline">
            First page
          </Link>
        ) : null}
      </div>
      <div>
        {nextCursor ? (
          <Link href={listHref(params, nextCursor)} rel="next" className="font-medium text-blue-700 hover:underline">
            Next page →
          </Link>
        ) : (
          <span className="text-zinc-500">Last page</span>
        )}
      </div>
    </nav>
  );
}
