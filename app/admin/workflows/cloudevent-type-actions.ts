"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, runAction } from "@/lib/auth/action-result";
import { requireActor } from "@/lib/auth/actor";
import { getPool } from "@/lib/db";
import {
  type CloudEventTypeMapping,
  removeCloudEventType,
  setCloudEventType,
  setCloudEventTypeSchema,
} from "@/lib/services/save-cloudevent-type";
import { auditContext } from "../audit-context";

// CloudEvents types mapped to workflows: part of the catalogue, so admin:workflows.

// As the form sends it; the schema checks the stage.
export type SetCloudEventTypeActionInput = { type: string; workflow: string; stage?: string | null };
const removeSchema = z.object({ type: z.string().trim().min(1).max(200) });

export async function setCloudEventTypeAction(
  raw: SetCloudEventTypeActionInput,
): Promise<ActionResult<CloudEventTypeMapping>> {
  return runAction("setCloudEventTypeAction", async () => {
    const actor = await requireActor("admin:workflows");
    const saved = await setCloudEventType(getPool(), actor, setCloudEventTypeSchema.parse(raw), await auditContext());
    revalidatePath("/admin/workflows");
    return saved;
  });
}

export async function removeCloudEventTypeAction(raw: { type: string }): Promise<ActionResult<{ type: string }>> {
  return runAction("removeCloudEventTypeAction", async () => {
    const actor = await requireActor("admin:workflows");
    const removed = await removeCloudEventType(getPool(), actor, removeSchema.parse(raw).type, await auditContext());
    revalidatePath("/admin/workflows");
    return removed;
  });
}
