import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { type Actor, requireActor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import type { AuditContext } from "@/lib/services/write-audit-row";
import { type ActionResult, actionFailure } from "./action-result";
import { auditContext } from "./audit-context";

// Server actions are public POST endpoints. Every one is built here, so each checks the
// session and the permission before anything else, validates its input with the schema,
// calls the service, refreshes the page it changed and answers with an ActionResult.

export interface ActionSpec<S extends z.ZodType, T> {
  name: string;
  permission: Permission;
  schema: S;
  run: (input: z.output<S>, context: { actor: Actor; audit: AuditContext }) => Promise<T>;
  // the page to refresh after a change; none for actions that only read or test
  revalidate?: string | ((input: z.output<S>) => string);
}

export function serverAction<S extends z.ZodType, T>(
  spec: ActionSpec<S, T>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const actor = await requireActor(spec.permission);
      const input = spec.schema.parse(raw);
      const data = await spec.run(input, { actor, audit: await auditContext() });
      if (spec.revalidate)
        revalidatePath(typeof spec.revalidate === "string" ? spec.revalidate : spec.revalidate(input));
      return { ok: true, data };
    } catch (error) {
      return actionFailure(spec.name, error);
    }
  };
}
