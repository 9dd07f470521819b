"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auditContext } from "@/app/admin/audit-context";
import { requireActor } from "@/lib/auth/actor";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { getPool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getReplayPreview, type ReplayPreview } from "@/lib/queries/get-replay-preview";
import { closeTransaction, closeTransactionSchema } from "@/lib/services/replay/close-transaction";
import { requestReplay, requestReplaySchema, type RequestedReplay } from "@/lib/services/replay/request-replay";

// Replay, force, edit-and-replay, resolve and cancel one transaction. Each action checks
// the session and the permission first; the services check force/edit rights and sites.

export type ReplayActionInput = z.input<typeof requestReplaySchema>;
export type CloseActionInput = z.input<typeof closeTransactionSchema>;

const previewSchema = z.object({ transactionId: z.uuid("must be a transaction id") });

export async function previewReplayAction(raw: { transactionId: string }): Promise<ActionResult<ReplayPreview>> {
  return runAction("previewReplayAction", async () => {
    const actor = await requireActor("transactions:replay");
    const { transactionId } = previewSchema.parse(raw);
    const preview = await getReplayPreview(getPool(), actor, transactionId);
    if (!preview) throw new AppError(404, "There is no such transaction.");
    return preview;
  });
}

export async function replayTransactionAction(raw: ReplayActionInput): Promise<ActionResult<RequestedReplay>> {
  return runAction("replayTransactionAction", async () => {
    const actor = await requireActor("transactions:replay");
    const input = requestReplaySchema.parse(raw);
    const requested = await requestReplay(getPool(), actor, input, await auditContext());
    revalidatePath(`/transactions/${input.transactionId}`);
    return requested;
  });
}

export async function resolveTransactionAction(raw: CloseActionInput): Promise<ActionResult<{ status: string }>> {
  return runAction("resolveTransactionAction", async () => {
    const actor = await requireActor("transactions:resolve");
    const input = closeTransactionSchema.parse(raw);
    const result = await closeTransaction(getPool(), actor, "resolved", input, await auditContext());
    revalidatePath(`/transactions/${input.transactionId}`);
    return result;
  });
}

export async function cancelTransactionAction(raw: CloseActionInput): Promise<ActionResult<{ status: string }>> {
  return runAction("cancelTransactionAction", async () => {
    const actor = await requireActor("transactions:resolve");
    const input = closeTransactionSchema.parse(raw);
    const result = await closeTransaction(getPool(), actor, "cancelled", input, await auditContext());
    revalidatePath(`/transactions/${input.transactionId}`);
    return result;
  });
}
