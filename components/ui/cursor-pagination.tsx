import Link from "next/link";

// Keyset pagination only moves forward; the link back goes to the first page (a cursor
// has no "previous"). Shared by every cursor-paged list.
export function CursorPagination(props: {
  onLaterPage: boolean;
  firstHref: string;
  nextHref: string | null;
  labels: { first: string; next: string; end: string };
}) {
  const { onLaterPage, firstHref, nextHref, labels } = props;
  if (!onLaterPage && !nextHref) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      <div>
        {onLaterPage ? (
          <Link href={firstHref} className="text-blue-700 hover:underline">
            {labels.first}
          </Link>
        ) : null}
      </div>
      <div>
        {nextHref ? (
          <Link href={nextHref} rel="next" className="font-medium text-blue-700 hover:underline">
            {labels.next}
          </Link>
        ) : (
          <span className="text-zinc-500">{labels.end}</span>
        )}
      </div>
    </nav>
  );
}
