"use server";

import { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { getPool } from "@/lib/db";
import { removeCloudEventType, setCloudEventType, setCloudEventTypeSchema } from "@/lib/services/save-cloudevent-type";

// CloudEvents types mapped to workflows: part of the catalogue, so admin:workflows.

// As the form sends it (any text for the stage); the service's schema then checks it.
const setSchema = z
  .object({ type: z.string(), workflow: z.string(), stage: z.string().nullish() })
  .pipe(setCloudEventTypeSchema);
export type SetCloudEventTypeActionInput = z.input<typeof setSchema>;
const removeSchema = z.object({ type: z.string().trim().min(1).max(200) });

export const setCloudEventTypeAction = serverAction({
  name: "setCloudEventTypeAction",
  permission: "admin:workflows",
  schema: setSchema,
  run: (input, { actor, audit }) => setCloudEventType(getPool(), actor, input, audit),
  revalidate: "/admin/workflows",
});

export const removeCloudEventTypeAction = serverAction({
  name: "removeCloudEventTypeAction",
  permission: "admin:workflows",
  schema: removeSchema,
  run: (input, { actor, audit }) => removeCloudEventType(getPool(), actor, input.type, audit),
  revalidate: "/admin/workflows",
});
