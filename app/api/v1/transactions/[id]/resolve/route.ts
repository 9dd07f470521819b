import { getPool } from "@/lib/db";
import { apiCommand } from "@/lib/http/api-command";
import { closeTransaction, closeTransactionSchema } from "@/lib/services/replay/close-transaction";

export const dynamic = "force-dynamic";

// POST /api/v1/transactions/{id}/resolve - resolve a transaction by hand (fixed outside Crossdock), with a reason; nothing is sent
export const POST = apiCommand({
  scope: "resolve",
  name: "POST /api/v1/transactions/{id}/resolve",
  fields: ["reason"],
  schema: closeTransactionSchema,
  input: (body, params) => ({ ...body, transactionId: params.id }),
  run: async (input, by, audit) => {
    const closed = await closeTransaction(getPool(), by, "resolved", input, audit);
    return { status: 200, body: { transactionId: input.transactionId, status: closed.status } };
  },
});
