"use server";

import type { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { getPool } from "@/lib/db";
import { addRedactionRule, addRedactionRuleSchema } from "@/lib/services/add-redaction-rule";
import { removeRedactionRule, removeRedactionRuleSchema } from "@/lib/services/remove-redaction-rule";

export type AddRedactionRuleActionInput = z.input<typeof addRedactionRuleSchema>;
export type RemoveRedactionRuleActionInput = z.input<typeof removeRedactionRuleSchema>;

export const addRedactionRuleAction = serverAction({
  name: "addRedactionRuleAction",
  permission: "admin:redaction",
  schema: addRedactionRuleSchema,
  run: (input, { actor, audit }) => addRedactionRule(getPool(), actor, input, audit),
  revalidate: "/admin/redaction",
});

export const removeRedactionRuleAction = serverAction({
  name: "removeRedactionRuleAction",
  permission: "admin:redaction",
  schema: removeRedactionRuleSchema,
  run: (input, { actor, audit }) => removeRedactionRule(getPool(), actor, input, audit),
  revalidate: "/admin/redaction",
});
