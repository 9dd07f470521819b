"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { getPool } from "@/lib/db";
import { createWorkflow, createWorkflowSchema, updateWorkflow, updateWorkflowSchema, type CreatedWorkflow, type UpdatedWorkflow } from "@/lib/services/save-workflow";
import { auditContext } from "../audit-context";

export type CreateWorkflowActionInput = z.input<typeof createWorkflowSchema>;
export type UpdateWorkflowActionInput = z.input<typeof updateWorkflowSchema>;

export async function createWorkflowAction(raw: CreateWorkflowActionInput): Promise<ActionResult<CreatedWorkflow>> {
  return runAction("createWorkflowAction", async () => {
    const actor = await requireActor("admin:workflows");
    const input = createWorkflowSchema.parse(raw);
    const created = await createWorkflow(getPool(), actor, input, await auditContext());
    revalidatePath("/admin/workflows");
    return created;
  });
}

// Also registers a workflow first seen at ingest: `{ id }` alone does only that.
export async function updateWorkflowAction(raw: UpdateWorkflowActionInput): Promise<ActionResult<UpdatedWorkflow>> {
  return runAction("updateWorkflowAction", async () => {
    const actor = await requireActor("admin:workflows");
    const input = updateWorkflowSchema.parse(raw);
    const updated = await updateWorkflow(getPool(), actor, input, await auditContext());
    revalidatePath("/admin/workflows");
    return updated;
  });
}
