import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { mayDo, type Requester, requesterOf } from "@/lib/auth/requester";
import { inScope } from "@/lib/auth/site-scope";
import { withoutNul } from "@/lib/domain/plain-text";
import type { Status } from "@/lib/domain/vocabulary";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { type AuditContext, writeAuditRow } from "../write-audit-row";
import { appendReplayEvents } from "./replay-events";
import { noOpenReplaySql } from "./replay-rules";

// Closing a transaction by hand, with a reason: "resolved" (fixed outside Crossdock, e.g.
// the invoice was keyed in the ERP) or "cancelled" (it must not be delivered at all). Both
// are steps on the trace, so the status is derived from them like any other and they
// count as manual interventions; neither sends anything anywhere.

export const closeTransactionSchema = z.object({
  transactionId: z.uuid("must be a transaction id"),
  reason: withoutNul(
    z.string().trim().min(1, "Say why, for the audit log and the trace.").max(2000, "must be at most 2000 characters"),
  ),
});
export type CloseTransactionInput = z.infer<typeof closeTransactionSchema>;
export type CloseOutcome = "resolved" | "cancelled";

// Work that waits for a person, or is stuck in progress; "replaying" only once the target
// accepted the replay and it waits for the ERP's confirmation (a person who checked the ERP
// closes it by hand). Not while a replay is on its way: its outcome would race the
// hand-made one. Final ones are closed already.
export const CLOSABLE: readonly Status[] = ["failed", "dead_lettered", "retrying", "in_flight", "replaying"];

export async function closeTransaction(
  pool: Pool,
  actor: Actor | Requester,
  outcome: CloseOutcome,
  input: CloseTransactionInput,
  context: AuditContext = {},
): Promise<{ status: CloseOutcome }> {
  const by = requesterOf(actor);
  if (!mayDo(by, "transactions:resolve"))
    throw new AppError(403, `${by.title} may not ${outcome === "resolved" ? "resolve" : "cancel"} transactions.`);
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ status: string; site: string | null }>(
      "SELECT t.status, s.code AS site FROM transactions t LEFT JOIN sites s ON s.id = t.site_id WHERE t.id = $1",
      [input.transactionId],
    );
    const tx = rows[0];
    if (!tx || !inScope(by.scope, tx.site)) throw new AppError(404, "There is no such transaction.");
    // The claim, as for a replay: only one of two people closing (or one closing and one
    // replaying) at the same moment wins; the other gets a 409 and nothing is written.
    const claimed = await client.query(
      `UPDATE transactions SET status = $2, updated_at = now()
       WHERE id = $1 AND status = ANY($3::text[]) AND ${noOpenReplaySql("'{}'::uuid[]")}`,
      [input.transactionId, outcome, CLOSABLE],
    );
    if (claimed.rowCount === 0) {
      const now = tx.status.replace("_", " ");
      throw new AppError(
        409,
        tx.status === "replaying"
          ? "A replay of this transaction is on its way; wait for its outcome."
          : `This transaction is ${now} already.`,
      );
    }
    await appendReplayEvents(pool, client, [
      {
        transactionId: input.transactionId,
        eventId: `crossdock:manual:${randomUUID()}:${outcome}`,
        stage: outcome,
        layer: "middleware",
        note: { resolution: "manual", by: by.name, reason: input.reason },
      },
    ]);
    await writeAuditRow(client, {
      actor: by.name,
      action: outcome === "resolved" ? "transaction.resolve" : "transaction.cancel",
      targetType: "transaction",
      targetId: input.transactionId,
      before: { status: tx.status },
      after: { status: outcome, reason: input.reason },
      ip: context.ip,
    });
    return { status: outcome };
  });
}
