import { csvRow } from "@/lib/csv/csv";
import { getReadDatabase } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { exportFilterParams } from "@/lib/http/export-params";
import { withActor } from "@/lib/http/route-handler";
import { type AuditEntry, auditFilterSchema, exportAuditLog } from "@/lib/queries/list-audit-log";

export const dynamic = "force-dynamic";

const MAX_ROWS = 100_000;
const HEADER = ["id", "time_utc", "person", "action", "target_type", "target_id", "before", "after", "ip"];

// GET /api/admin/audit/export - the audit log as CSV (newest first, up to 100,000 rows), filtered like /admin/audit
export const GET = withActor(
  "audit:read",
  "GET /api/admin/audit/export",
  async (request, _actor, _context, { log }) => {
    const filter = parseInput(auditFilterSchema, exportFilterParams(request.url), "The filters are not valid.");
    // Exports are long reads: on the replica, when there is one, away from ingest.
    const batches = exportAuditLog(getReadDatabase().prisma, filter, MAX_ROWS);
    const encoder = new TextEncoder();
    let headerSent = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          if (!headerSent) {
            headerSent = true;
            controller.enqueue(encoder.encode(csvRow(HEADER)));
            return;
          }
          const next = await batches.next();
          if (next.done) return controller.close();
          controller.enqueue(encoder.encode(next.value.map(toCsvRow).join("")));
        } catch (error) {
          // Headers are already sent; the cut-off download is the only signal left.
          log.error({ err: error }, "GET /api/admin/audit/export failed while streaming");
          controller.error(error);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    });
    const date = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="crossdock-audit-${date}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
);

function toCsvRow(e: AuditEntry): string {
  return csvRow([e.id, e.at, e.actor, e.action, e.targetType, e.targetId, e.before, e.after, e.ip]);
}
