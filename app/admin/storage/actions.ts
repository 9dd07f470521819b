"use server";

import type { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { getPool } from "@/lib/db";
import { saveRetentionSettings, saveRetentionSettingsSchema } from "@/lib/services/save-retention-settings";

export type SaveRetentionSettingsActionInput = z.input<typeof saveRetentionSettingsSchema>;

export const saveRetentionSettingsAction = serverAction({
  name: "saveRetentionSettingsAction",
  permission: "admin:storage",
  schema: saveRetentionSettingsSchema,
  run: (input, { actor, audit }) => saveRetentionSettings(getPool(), actor, input, audit),
  revalidate: "/admin/storage",
});
