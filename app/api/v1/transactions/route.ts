import { authenticateApiKey } from "@/lib/auth/api-keys";
import { getDatabase } from "@/lib/db";
import { parseQuery } from "@/lib/http/query-params";
import { AppError } from "@/lib/errors";
import { errorResponse, jsonResponse, toErrorResponse } from "@/lib/http/responses";
import { InvalidCursorError, listTransactions, transactionFilterSchema } from "@/lib/queries/list-transactions";

export const dynamic = "force-dynamic";

// GET /api/v1/transactions - find transactions by reference (businessKey, transactionId, ref.loadId, ...) with their derived state
export async function GET(request: Request): Promise<Response> {
  try {
    const { pool, prisma } = getDatabase();
    const auth = await authenticateApiKey(pool, request.headers.get("authorization"), "read");
    if (!auth.ok) return errorResponse(auth.status, auth.message, undefined, { "www-authenticate": "Bearer" });
    const filter = parseQuery(new URL(request.url), transactionFilterSchema);
    try {
      return jsonResponse(await listTransactions(prisma, filter));
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new AppError(400, `Invalid query parameters: ${error.message}.`);
      throw error;
    }
  } catch (error) {
    return toErrorResponse(error, "GET /api/v1/transactions");
  }
}
