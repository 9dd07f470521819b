import { CursorPagination } from "@/components/ui/cursor-pagination";
import { type ListParams, listHref } from "./list-params";

const LABELS = { first: "First page", next: "Next page →", end: "Last page" };

export function TransactionPagination({ params, nextCursor }: { params: ListParams; nextCursor: string | null }) {
  return (
    <CursorPagination
      onLaterPage={Boolean(params.cursor)}
      firstHref={listHref(params)}
      nextHref={nextCursor ? listHref(params, nextCursor) : null}
      labels={LABELS}
    />
  );
}
