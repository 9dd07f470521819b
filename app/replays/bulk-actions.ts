"use server";

import { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { getDatabase } from "@/lib/db";
import {
  bulkFilterSchema,
  bulkReplaySchema,
  cancelBulkReplay,
  estimateBulkReplay,
  requestBulkReplay,
} from "@/lib/services/replay/bulk-replay";

// Bulk replay of what the transaction list's filters select: estimate, request, cancel.

export type BulkReplayActionInput = z.input<typeof bulkReplaySchema>;

export const estimateBulkReplayAction = serverAction({
  name: "estimateBulkReplayAction",
  permission: "transactions:replay",
  schema: z.object({ filter: bulkFilterSchema, force: z.boolean().default(false) }),
  run: (input, { actor }) => estimateBulkReplay(getDatabase(), actor, input),
});

export const requestBulkReplayAction = serverAction({
  name: "requestBulkReplayAction",
  permission: "transactions:replay",
  schema: bulkReplaySchema,
  run: (input, { actor, audit }) => requestBulkReplay(getDatabase(), actor, input, audit),
});

export const cancelBulkReplayAction = serverAction({
  name: "cancelBulkReplayAction",
  permission: "transactions:replay",
  schema: z.object({ bulkId: z.uuid("must be a bulk replay id") }),
  run: ({ bulkId }, { actor, audit }) => cancelBulkReplay(getDatabase().pool, actor, bulkId, audit),
});
