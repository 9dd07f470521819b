import { CursorPagination } from "@/components/ui/cursor-pagination";
import { type AuditParams, auditHref } from "./audit-params";

const LABELS = { first: "Newest entries", next: "Older entries →", end: "Oldest entry reached" };

export function AuditPagination({ params, nextCursor }: { params: AuditParams; nextCursor: string | null }) {
  return (
    <CursorPagination
      onLaterPage={Boolean(params.cursor)}
      firstHref={auditHref(params)}
      nextHref={nextCursor ? auditHref(params, nextCursor) : null}
      labels={LABELS}
    />
  );
}
