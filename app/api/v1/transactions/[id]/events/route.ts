import { authenticateApiKey } from "@/lib/auth/api-keys";
import { getDatabase } from "@/lib/db";
import { errorResponse, jsonResponse, toErrorResponse } from "@/lib/http/responses";
import { getTransaction } from "@/lib/queries/get-transaction";

export const dynamic = "force-dynamic";

// GET /api/v1/transactions/{id}/events - a transaction's state and its events in time order
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { pool, prisma } = getDatabase();
    const auth = await authenticateApiKey(pool, request.headers.get("authorization"), "read");
    if (!auth.ok) return errorResponse(auth.status, auth.message, undefined, { "www-authenticate": "Bearer" });
    const { id } = await context.params;
    const lookup = await getTransaction(prisma, decodeURIComponent(id));
    if ("notFound" in lookup) return errorResponse(404, `No transaction with id '${id}'.`);
    if ("ambiguous" in lookup) {
      return errorResponse(409, `Several senders use transaction id '${id}'; ask by one of these Crossdock ids.`, {
        candidates: lookup.ambiguous,
      });
    }
    return jsonResponse(lookup.found);
  } catch (error) {
    return toErrorResponse(error, "GET /api/v1/transactions/{id}/events");
  }
}
