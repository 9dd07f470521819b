import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseQuery } from "@/lib/http/query-params";
import { jsonResponse } from "@/lib/http/responses";
import { withApiKey } from "@/lib/http/route-handler";
import { InvalidCursorError, listTransactions, transactionFilterSchema } from "@/lib/queries/list-transactions";

export const dynamic = "force-dynamic";

// GET /api/v1/transactions - find transactions by reference (businessKey, transactionId, ref.loadId, ...) with their derived state
export const GET = withApiKey("read", "GET /api/v1/transactions", async (request, caller) => {
  const filter = parseQuery(new URL(request.url), transactionFilterSchema);
  try {
    return jsonResponse(await listTransactions(getPrisma(), filter, caller.scope));
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new AppError(400, `Invalid query parameters: ${error.message}.`);
    throw error;
  }
});
