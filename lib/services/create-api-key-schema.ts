import { z } from "zod";
import { API_SCOPES } from "@/lib/auth/api-keys";
import { userSites } from "./user-fields";

// What the admin screen sends to create a key (lib/services/create-api-key.ts does the work).
// A system name that does not exist yet registers a new system.
export const createApiKeySchema = z.object({
  systemName: z
    .string()
    .trim()
    .min(1, "Choose a system or type the name of a new one.")
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "A system name has letters, digits, '.', '_' or '-' (e.g. wms-east)."),
  scopes: z
    .array(z.enum(API_SCOPES))
    .min(1, "Choose at least one scope.")
    .transform((s) => [...new Set(s)]),
  name: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  // The sites a key may read, replay and resolve, as for a user; empty means every site.
  sites: userSites.default([]),
});
export type CreateApiKeyFormInput = z.input<typeof createApiKeySchema>;
