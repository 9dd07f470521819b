"use server";

import type { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { getPool } from "@/lib/db";
import { createUser, createUserSchema } from "@/lib/services/create-user";
import { updateUser, updateUserSchema } from "@/lib/services/update-user";

export type CreateUserActionInput = z.input<typeof createUserSchema>;
export type UpdateUserActionInput = z.input<typeof updateUserSchema>;

export const createUserAction = serverAction({
  name: "createUserAction",
  permission: "admin:users",
  schema: createUserSchema,
  run: (input, { actor, audit }) => createUser(getPool(), actor, input, audit),
  revalidate: "/admin/users",
});

export const updateUserAction = serverAction({
  name: "updateUserAction",
  permission: "admin:users",
  schema: updateUserSchema,
  run: (input, { actor, audit }) => updateUser(getPool(), actor, input, audit),
  revalidate: "/admin/users",
});
