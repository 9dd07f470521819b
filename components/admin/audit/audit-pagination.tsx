import Link from "next/link";
import { auditHref, type AuditParams } from "./audit-params";

// Keyset pagination only moves forward; "Newest" is the way back.
export function AuditPagination({ params, nextCursor }: { params: AuditParams; nextCursor: string | null }) {
  if (!params.cursor && !nextCursor) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      <div>
        {params.cursor ? (
          <Link href={auditHref(params)} className="text-blue-700 hover:underline">
            Newest entries
          </Link>
        ) : null}
      </div>
      <div>
        {nextCursor ? (
          <Link href={auditHref(params, nextCursor)} rel="next" className="font-medium text-blue-700 hover:underline">
            Older entries →
          </Link>
        ) : (
          <span className="text-zinc-500">Oldest entry reached</span>
        )}
      </div>
    </nav>
  );
}
