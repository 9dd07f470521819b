"use server";

import type { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { getPool } from "@/lib/db";
import {
  createWorkflow,
  createWorkflowSchema,
  updateWorkflow,
  updateWorkflowSchema,
} from "@/lib/services/save-workflow";

export type CreateWorkflowActionInput = z.input<typeof createWorkflowSchema>;
export type UpdateWorkflowActionInput = z.input<typeof updateWorkflowSchema>;

export const createWorkflowAction = serverAction({
  name: "createWorkflowAction",
  permission: "admin:workflows",
  schema: createWorkflowSchema,
  run: (input, { actor, audit }) => createWorkflow(getPool(), actor, input, audit),
  revalidate: "/admin/workflows",
});

// Also registers a workflow first seen at ingest: `{ id }` alone does only that.
export const updateWorkflowAction = serverAction({
  name: "updateWorkflowAction",
  permission: "admin:workflows",
  schema: updateWorkflowSchema,
  run: (input, { actor, audit }) => updateWorkflow(getPool(), actor, input, audit),
  revalidate: "/admin/workflows",
});
