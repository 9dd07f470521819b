"use server";

import { z } from "zod";
import { auditContext } from "@/app/admin/audit-context";
import { requireActor } from "@/lib/auth/actor";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { getDatabase } from "@/lib/db";
import {
  bulkReplaySchema, cancelBulkReplay, estimateBulkReplay, requestBulkReplay, bulkFilterSchema, type BulkEstimate,
} from "@/lib/services/replay/bulk-replay";

// Bulk replay of what the transaction list's filters select: estimate, request, cancel.

export type BulkReplayActionInput = z.input<typeof bulkReplaySchema>;
const estimateSchema = z.object({ filter: bulkFilterSchema, force: z.boolean().default(false) });
const cancelSchema = z.object({ bulkId: z.uuid("must be a bulk replay id") });

export async function estimateBulkReplayAction(raw: z.input<typeof estimateSchema>): Promise<ActionResult<BulkEstimate>> {
  return runAction("estimateBulkReplayAction", async () => {
    const actor = await requireActor("transactions:replay");
    const input = estimateSchema.parse(raw);
    return estimateBulkReplay(getDatabase(), actor, input);
  });
}

export async function requestBulkReplayAction(raw: BulkReplayActionInput): Promise<ActionResult<{ bulkId: string; total: number }>> {
  return runAction("requestBulkReplayAction", async () => {
    const actor = await requireActor("transactions:replay");
    const input = bulkReplaySchema.parse(raw);
    return requestBulkReplay(getDatabase(), actor, input, await auditContext());
  });
}

export async function cancelBulkReplayAction(raw: z.input<typeof cancelSchema>): Promise<ActionResult<{ cancelled: number }>> {
  return runAction("cancelBulkReplayAction", async () => {
    const actor = await requireActor("transactions:replay");
    const { bulkId } = cancelSchema.parse(raw);
    return cancelBulkReplay(getDatabase().pool, actor, bulkId, await auditContext());
  });
}
