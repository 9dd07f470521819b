"use server";

import type { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { getPool } from "@/lib/db";
import { createApiKey } from "@/lib/services/create-api-key";
import { createApiKeySchema } from "@/lib/services/create-api-key-schema";
import { revokeApiKey, revokeApiKeySchema } from "@/lib/services/revoke-api-key";

export type RevokeApiKeyActionInput = z.input<typeof revokeApiKeySchema>;

export interface CreatedApiKeyView {
  id: number;
  key: string; // the only time the plaintext leaves the server
  prefix: string;
  systemName: string;
}

export const createApiKeyAction = serverAction({
  name: "createApiKeyAction",
  permission: "admin:api_keys",
  schema: createApiKeySchema,
  run: async (input, { actor }): Promise<CreatedApiKeyView> => {
    const created = await createApiKey(getPool(), {
      systemName: input.systemName,
      scopes: input.scopes,
      sites: input.sites,
      name: input.name,
      actor: actor.email,
    });
    return { id: created.id, key: created.key, prefix: created.prefix, systemName: input.systemName };
  },
  revalidate: "/admin/api-keys",
});

export const revokeApiKeyAction = serverAction({
  name: "revokeApiKeyAction",
  permission: "admin:api_keys",
  schema: revokeApiKeySchema,
  run: (input, { actor, audit }) => revokeApiKey(getPool(), actor, input, audit),
  revalidate: "/admin/api-keys",
});
