import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { mayDo, type Requester, requesterOf } from "@/lib/auth/requester";
import { inScope } from "@/lib/auth/site-scope";
import { jsonDiff } from "@/lib/domain/json-diff";
import { withoutNul } from "@/lib/domain/plain-text";
import { AppError } from "@/lib/errors";
import { enqueueDelivery } from "@/lib/jobs/replay/queue";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { type AuditContext, writeAuditRow } from "../write-audit-row";
import { claimTransactions } from "./claim-transactions";
import { originalPayload } from "./original-payload";
import { refusalOf } from "./replay-rules";
import { loadReplayable } from "./replay-target-of";

// One replay of one transaction, as a person asks for it (the one-click replay and
// edit-and-replay) or automation does (POST /api/v1/transactions/{id}/replay). The claim happens here, so a second click or a second person gets a
// clear 409 at once; delivery is the worker's (lib/jobs/replay/deliver-replays.ts).

const reason = withoutNul(z.string().trim().max(2000, "must be at most 2000 characters"));

export const requestReplaySchema = z
  .object({
    transactionId: z.uuid("must be a transaction id"),
    reason: reason.optional().transform((v) => v || null),
    force: z.boolean().default(false),
    // Edit-and-replay: the JSON to send instead of the stored payload.
    editedPayload: z.json().optional(),
  })
  .refine((v) => !v.force || v.reason, { message: "A forced replay needs a reason.", path: ["reason"] });
export type RequestReplayInput = z.infer<typeof requestReplaySchema>;

export interface RequestedReplay {
  replayId: string;
  system: string;
  endpoint: string;
}

export async function requestReplay(
  pool: Pool,
  actor: Actor | Requester,
  input: RequestReplayInput,
  context: AuditContext = {},
): Promise<RequestedReplay> {
  const by = requesterOf(actor);
  if (input.force && !mayDo(by, "transactions:force_replay"))
    throw new AppError(403, `${by.title} may not force a replay.`);
  const edited = input.editedPayload !== undefined;
  if (edited && !mayDo(by, "transactions:edit_replay"))
    throw new AppError(403, `${by.title} may not edit a payload before replaying.`);

  const replayId = randomUUID();
  const result = await inTransaction(pool, async (client) => {
    const tx = await loadReplayable(client, input.transactionId, false);
    if (!tx || !inScope(by.scope, tx.site)) throw new AppError(404, "There is no such transaction.");
    const refusal = refusalOf(tx.status, input.force);
    if (refusal) throw new AppError(409, refusal);
    if (tx.systemId === null || !tx.endpoint || !tx.systemName)
      throw new AppError(409, "No replay endpoint is configured for this transaction's systems (Admin → Systems).");

    const claimed = await claimTransactions(pool, client, [{ replayId, transactionId: tx.id }], {
      force: input.force,
      requestedBy: by.name,
      reason: input.reason,
      edited,
    });
    if (!claimed.has(tx.id)) throw new AppError(409, "Someone else is replaying this transaction right now.");

    await client.query(
      `INSERT INTO replays (id, transaction_id, system_id, requested_by, reason, force, edited_payload, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued')`,
      [
        replayId,
        tx.id,
        tx.systemId,
        by.name,
        input.reason,
        input.force,
        edited ? JSON.stringify(input.editedPayload) : null,
      ],
    );
    const changes = edited ? jsonDiff(await originalPayload(client, tx.id), input.editedPayload) : undefined;
    await writeAuditRow(client, {
      actor: by.name,
      action: edited ? "transaction.edit_replay" : input.force ? "transaction.force_replay" : "transaction.replay",
      targetType: "transaction",
      targetId: tx.id,
      before: { status: tx.status },
      after: {
        replayId,
        system: tx.systemName,
        reason: input.reason,
        force: input.force,
        ...(changes ? { changes } : {}),
      },
      ip: context.ip,
    });
    return { replayId, system: tx.systemName, endpoint: tx.endpoint };
  });
  await enqueueDelivery(pool, { replayId }).catch(() => undefined); // the sweeper re-adds it if this fails
  return result;
}
