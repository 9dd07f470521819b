import { visibleTransaction } from "@/lib/auth/visible-fields";
import { csvFilename, csvHeader, csvRows } from "@/lib/csv/csv";
import { TRANSACTION_CSV_COLUMNS } from "@/lib/csv/transaction-columns";
import { getReadDatabase } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { exportFilterParams } from "@/lib/http/export-params";
import { withActor } from "@/lib/http/route-handler";
import { listTransactions, transactionFilterSchema } from "@/lib/queries/list-transactions";

export const dynamic = "force-dynamic";

const PAGE = 500;
const MAX_ROWS = 50_000;

// GET /api/transactions/export - the transaction list as CSV with the list's filters (newest first, up to 50,000 rows)
export const GET = withActor(
  "transactions:read",
  "GET /api/transactions/export",
  async (request, actor, _context, { log }) => {
    const filter = parseInput(
      transactionFilterSchema,
      { ...exportFilterParams(request.url), limit: PAGE },
      "The filters are not valid.",
    );
    const scope = actor.scope;
    // Exports are long reads: on the replica, when there is one, away from ingest.
    const prisma = getReadDatabase().prisma;
    const encoder = new TextEncoder();
    let cursor: string | undefined;
    let sent = 0;
    let headerSent = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          if (!headerSent) {
            headerSent = true;
            return controller.enqueue(encoder.encode(csvHeader(TRANSACTION_CSV_COLUMNS)));
          }
          const page = await listTransactions(
            prisma,
            { ...filter, cursor, limit: Math.min(PAGE, MAX_ROWS - sent) },
            scope,
          );
          const rows = page.transactions.map((t) => visibleTransaction(t, actor));
          sent += rows.length;
          if (rows.length > 0) controller.enqueue(encoder.encode(csvRows(TRANSACTION_CSV_COLUMNS, rows)));
          cursor = page.nextCursor ?? undefined;
          if (!cursor || sent >= MAX_ROWS) controller.close();
        } catch (error) {
          // Headers are already sent; the cut-off download is the only signal left.
          log.error({ err: error, rowsSent: sent }, "GET /api/transactions/export failed while streaming");
          controller.error(error);
        }
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${csvFilename("transactions", new Date())}"`,
        "cache-control": "no-store",
      },
    });
  },
);
