"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { getPool } from "@/lib/db";
import { createSystem, createSystemSchema, updateSystem, updateSystemSchema, type CreatedSystem, type UpdatedSystem } from "@/lib/services/save-system";
import { testReplayEndpoint, type EndpointCheck } from "@/lib/services/replay/test-replay-endpoint";
import { auditContext } from "../audit-context";

export type CreateSystemActionInput = z.input<typeof createSystemSchema>;
export type UpdateSystemActionInput = z.input<typeof updateSystemSchema>;

export async function createSystemAction(raw: CreateSystemActionInput): Promise<ActionResult<CreatedSystem>> {
  return runAction("createSystemAction", async () => {
    const actor = await requireActor("admin:systems");
    const input = createSystemSchema.parse(raw);
    const created = await createSystem(getPool(), actor, input, await auditContext());
    revalidatePath("/admin/systems");
    return created;
  });
}

export async function updateSystemAction(raw: UpdateSystemActionInput): Promise<ActionResult<UpdatedSystem>> {
  return runAction("updateSystemAction", async () => {
    const actor = await requireActor("admin:systems");
    const input = updateSystemSchema.parse(raw);
    const updated = await updateSystem(getPool(), actor, input, await auditContext());
    revalidatePath("/admin/systems");
    return updated;
  });
}

const testEndpointSchema = z.object({ id: z.coerce.number().int().positive() });

// Calls the system's replay endpoint (health, then HEAD) and reports what came back.
export async function testReplayEndpointAction(raw: { id: number }): Promise<ActionResult<EndpointCheck>> {
  return runAction("testReplayEndpointAction", async () => {
    await requireActor("admin:systems");
    const { id } = testEndpointSchema.parse(raw);
    return testReplayEndpoint(getPool(), id);
  });
}
