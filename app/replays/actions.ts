"use server";

import { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { getPool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getReplayPreview } from "@/lib/queries/get-replay-preview";
import { closeTransaction, closeTransactionSchema } from "@/lib/services/replay/close-transaction";
import { requestReplay, requestReplaySchema } from "@/lib/services/replay/request-replay";

// Replay, force, edit-and-replay, resolve and cancel one transaction. The services check
// force/edit rights and sites.

export type ReplayActionInput = z.input<typeof requestReplaySchema>;
export type CloseActionInput = z.input<typeof closeTransactionSchema>;

const transactionPage = (input: { transactionId: string }) => `/transactions/${input.transactionId}`;

export const previewReplayAction = serverAction({
  name: "previewReplayAction",
  permission: "transactions:replay",
  schema: z.object({ transactionId: z.uuid("must be a transaction id") }),
  run: async ({ transactionId }, { actor }) => {
    const preview = await getReplayPreview(getPool(), actor, transactionId);
    if (!preview) throw new AppError(404, "There is no such transaction.");
    return preview;
  },
});

export const replayTransactionAction = serverAction({
  name: "replayTransactionAction",
  permission: "transactions:replay",
  schema: requestReplaySchema,
  run: (input, { actor, audit }) => requestReplay(getPool(), actor, input, audit),
  revalidate: transactionPage,
});

export const resolveTransactionAction = serverAction({
  name: "resolveTransactionAction",
  permission: "transactions:resolve",
  schema: closeTransactionSchema,
  run: (input, { actor, audit }) => closeTransaction(getPool(), actor, "resolved", input, audit),
  revalidate: transactionPage,
});

export const cancelTransactionAction = serverAction({
  name: "cancelTransactionAction",
  permission: "transactions:resolve",
  schema: closeTransactionSchema,
  run: (input, { actor, audit }) => closeTransaction(getPool(), actor, "cancelled", input, audit),
  revalidate: transactionPage,
});
