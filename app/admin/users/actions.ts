"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { getPool } from "@/lib/db";
import { createUser, createUserSchema, type CreatedUser } from "@/lib/services/create-user";
import { updateUser, updateUserSchema, type UpdatedUser } from "@/lib/services/update-user";
import { auditContext } from "../audit-context";

export type CreateUserActionInput = z.input<typeof createUserSchema>;
export type UpdateUserActionInput = z.input<typeof updateUserSchema>;

export async function createUserAction(raw: CreateUserActionInput): Promise<ActionResult<CreatedUser>> {
  return runAction("createUserAction", async () => {
    const actor = await requireActor("admin:users");
    const input = createUserSchema.parse(raw);
    const created = await createUser(getPool(), actor, input, await auditContext());
    revalidatePath("/admin/users");
    return created;
  });
}

export async function updateUserAction(raw: UpdateUserActionInput): Promise<ActionResult<UpdatedUser>> {
  return runAction("updateUserAction", async () => {
    const actor = await requireActor("admin:users");
    const input = updateUserSchema.parse(raw);
    const updated = await updateUser(getPool(), actor, input, await auditContext());
    revalidatePath("/admin/users");
    return updated;
  });
}
