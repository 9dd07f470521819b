import { requireActor } from "@/lib/auth/actor";
import { exportFilterParams } from "@/lib/http/export-params";
import { visibleTransaction } from "@/lib/auth/visible-fields";
import { csvFilename, csvHeader, csvRows } from "@/lib/csv/csv";
import { TRANSACTION_CSV_COLUMNS } from "@/lib/csv/transaction-columns";
import { getPrisma } from "@/lib/db";
import { errorResponse, toErrorResponse } from "@/lib/http/responses";
import { listTransactions, transactionFilterSchema } from "@/lib/queries/list-transactions";

export const dynamic = "force-dynamic";

const PAGE = 500;
const MAX_ROWS = 50_000;

// GET /api/transactions/export - the transaction list as CSV with the list's filters (newest first, up to 50,000 rows)
export async function GET(request: Request): Promise<Response> {
  let actor;
  try {
    actor = await requireActor("transactions:read");
  } catch (error) {
    return toErrorResponse(error, "GET /api/transactions/export");
  }
  const params = exportFilterParams(request.url);
  const parsed = transactionFilterSchema.safeParse({ ...params, limit: PAGE });
  if (!parsed.success) {
    return errorResponse(400, "The filters are not valid.", { fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])) });
  }

  const scope = actor.scope;
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
        const page = await listTransactions(getPrisma(), { ...parsed.data, cursor, limit: Math.min(PAGE, MAX_ROWS - sent) }, scope);
        const rows = page.transactions.map((t) => visibleTransaction(t, actor));
        sent += rows.length;
        if (rows.length > 0) controller.enqueue(encoder.encode(csvRows(TRANSACTION_CSV_COLUMNS, rows)));
        cursor = page.nextCursor ?? undefined;
        if (!cursor || sent >= MAX_ROWS) controller.close();
      } catch (error) {
        // Headers are already sent; the cut-off download is the only signal left.
        console.error("GET /api/transactions/export failed:", error);
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
}
