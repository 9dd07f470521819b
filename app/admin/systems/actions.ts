"use server";

import { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { getPool } from "@/lib/db";
import { testReplayEndpoint } from "@/lib/services/replay/test-replay-endpoint";
import { createSystem, createSystemSchema, updateSystem, updateSystemSchema } from "@/lib/services/save-system";

export type CreateSystemActionInput = z.input<typeof createSystemSchema>;
export type UpdateSystemActionInput = z.input<typeof updateSystemSchema>;

export const createSystemAction = serverAction({
  name: "createSystemAction",
  permission: "admin:systems",
  schema: createSystemSchema,
  run: (input, { actor, audit }) => createSystem(getPool(), actor, input, audit),
  revalidate: "/admin/systems",
});

export const updateSystemAction = serverAction({
  name: "updateSystemAction",
  permission: "admin:systems",
  schema: updateSystemSchema,
  run: (input, { actor, audit }) => updateSystem(getPool(), actor, input, audit),
  revalidate: "/admin/systems",
});

// Calls the system's replay endpoint (health, then HEAD) and reports what came back.
export const testReplayEndpointAction = serverAction({
  name: "testReplayEndpointAction",
  permission: "admin:systems",
  schema: z.object({ id: z.coerce.number().int().positive() }),
  run: ({ id }) => testReplayEndpoint(getPool(), id),
});
