"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { getPool } from "@/lib/db";
import { addRedactionRule, addRedactionRuleSchema, type AddedRedactionRule } from "@/lib/services/add-redaction-rule";
import { removeRedactionRule, removeRedactionRuleSchema, type RemovedRedactionRule } from "@/lib/services/remove-redaction-rule";
import { auditContext } from "../audit-context";

export type AddRedactionRuleActionInput = z.input<typeof addRedactionRuleSchema>;
export type RemoveRedactionRuleActionInput = z.input<typeof removeRedactionRuleSchema>;

export async function addRedactionRuleAction(raw: AddRedactionRuleActionInput): Promise<ActionResult<AddedRedactionRule>> {
  return runAction("addRedactionRuleAction", async () => {
    const actor = await requireActor("admin:redaction");
    const input = addRedactionRuleSchema.parse(raw);
    const added = await addRedactionRule(getPool(), actor, input, await auditContext());
    revalidatePath("/admin/redaction");
    return added;
  });
}

export async function removeRedactionRuleAction(raw: RemoveRedactionRuleActionInput): Promise<ActionResult<RemovedRedactionRule>> {
  return runAction("removeRedactionRuleAction", async () => {
    const actor = await requireActor("admin:redaction");
    const input = removeRedactionRuleSchema.parse(raw);
    const removed = await removeRedactionRule(getPool(), actor, input, await auditContext());
    revalidatePath("/admin/redaction");
    return removed;
  });
}
