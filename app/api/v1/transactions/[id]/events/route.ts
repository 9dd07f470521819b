import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { jsonResponse } from "@/lib/http/responses";
import { withApiKey } from "@/lib/http/route-handler";
import { getTransaction } from "@/lib/queries/get-transaction";

export const dynamic = "force-dynamic";

// GET /api/v1/transactions/{id}/events - a transaction's state and its events in time order
export const GET = withApiKey(
  "read",
  "GET /api/v1/transactions/{id}/events",
  async (_request, caller, context: { params: Promise<{ id: string }> }) => {
    const { id } = await context.params;
    const lookup = await getTransaction(getPrisma(), decodeURIComponent(id), caller.scope);
    if ("notFound" in lookup) throw new AppError(404, `No transaction with id '${id}'.`);
    if ("ambiguous" in lookup) {
      throw new AppError(409, `Several senders use transaction id '${id}'; ask by one of these Crossdock ids.`, {
        candidates: lookup.ambiguous,
      });
    }
    return jsonResponse(lookup.found);
  },
);
