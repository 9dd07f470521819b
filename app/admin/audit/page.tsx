import type { Metadata } from "next";
import { AdminHeader } from "@/components/admin/admin-header";
import { AuditFilters } from "@/components/admin/audit/audit-filters";
import { AuditPagination } from "@/components/admin/audit/audit-pagination";
import { auditExportHref, auditHref, hasAuditFilter, toAuditParams } from "@/components/admin/audit/audit-params";
import { AuditTable } from "@/components/admin/audit/audit-table";
import { InvalidAuditCursor, InvalidAuditFilters } from "@/components/admin/audit/invalid-audit-filters";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getPrisma } from "@/lib/db";
import { listAuditActions } from "@/lib/queries/list-audit-actions";
import {
  type AuditFilter,
  type AuditPage,
  auditFilterSchema,
  InvalidAuditCursorError,
  listAuditLog,
} from "@/lib/queries/list-audit-log";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageActor("audit:read");
  const params = toAuditParams(await searchParams);
  const parsed = auditFilterSchema.safeParse(params);
  const prisma = getPrisma();
  const [actions, page] = await Promise.all([listAuditActions(prisma), parsed.success ? loadPage(parsed.data) : null]);

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <AdminHeader title="Audit log">
          Append-only: sign-in failures, replays and their outcomes, payload edits, manual resolutions and every admin
          change.
        </AdminHeader>
        {parsed.success ? (
          <a
            href={auditExportHref(params)}
            download
            className="h-9 rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-50"
          >
            Export CSV
          </a>
        ) : null}
      </div>
      <AuditFilters params={params} actions={actions} />
      {!parsed.success ? (
        <InvalidAuditFilters issues={parsed.error.issues} />
      ) : page === "invalid-cursor" ? (
        <InvalidAuditCursor firstPageHref={auditHref(params)} />
      ) : page && page.entries.length > 0 ? (
        <div>
          <AuditTable entries={page.entries} />
          <AuditPagination params={params} nextCursor={page.nextCursor} />
        </div>
      ) : (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center text-sm text-zinc-600">
          {hasAuditFilter(params) ? "No audit entries match these filters." : "Nothing has been audited yet."}
        </p>
      )}
    </div>
  );
}

async function loadPage(filter: AuditFilter): Promise<AuditPage | "invalid-cursor"> {
  try {
    return await listAuditLog(getPrisma(), filter);
  } catch (error) {
    if (error instanceof InvalidAuditCursorError) return "invalid-cursor";
    throw error;
  }
}
