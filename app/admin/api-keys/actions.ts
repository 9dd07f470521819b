"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { getPool } from "@/lib/db";
import { createApiKey } from "@/lib/services/create-api-key";
import { createApiKeySchema, type CreateApiKeyFormInput } from "@/lib/services/create-api-key-schema";
import { revokeApiKey, revokeApiKeySchema, type RevokedApiKey } from "@/lib/services/revoke-api-key";
import { auditContext } from "../audit-context";

export type RevokeApiKeyActionInput = z.input<typeof revokeApiKeySchema>;

export interface CreatedApiKeyView {
  id: number;
  key: string; // the only time the plaintext leaves the server
  prefix: string;
  systemName: string;
}

export async function createApiKeyAction(raw: CreateApiKeyFormInput): Promise<ActionResult<CreatedApiKeyView>> {
  return runAction("createApiKeyAction", async () => {
    const actor = await requireActor("admin:api_keys");
    const input = createApiKeySchema.parse(raw);
    const created = await createApiKey(getPool(), { systemName: input.systemName, scopes: input.scopes, name: input.name, actor: actor.email });
    revalidatePath("/admin/api-keys");
    return { id: created.id, key: created.key, prefix: created.prefix, systemName: input.systemName };
  });
}

export async function revokeApiKeyAction(raw: RevokeApiKeyActionInput): Promise<ActionResult<RevokedApiKey>> {
  return runAction("revokeApiKeyAction", async () => {
    const actor = await requireActor("admin:api_keys");
    const input = revokeApiKeySchema.parse(raw);
    const revoked = await revokeApiKey(getPool(), actor, input, await auditContext());
    revalidatePath("/admin/api-keys");
    return revoked;
  });
}
