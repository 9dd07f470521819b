import { z } from "zod";
import { ALERT_RULE_KINDS } from "@/lib/domain/alerts/rule";

// A rule as the admin form sends it: the workflow, site and system by name, as the
// catalogue lists them. What each kind needs is checked here, before the database.

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const name = z.preprocess(blankToNull, z.string().trim().max(100).nullable().default(null));

const fields = {
  name: z.string().trim().min(1, "Name the rule.").max(100),
  kind: z.enum(ALERT_RULE_KINDS),
  workflow: name,
  site: name,
  system: name,
  threshold: z.preprocess(blankToNull, z.coerce.number().min(0).max(1e12).nullable().default(null)),
  currency: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "Enter a three-letter currency code such as USD.")
      .nullable()
      .default(null),
  ),
  windowMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(15),
  minCount: z.coerce.number().int().min(0).max(1_000_000).default(10),
  repeatMinutes: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  channelIds: z.array(z.coerce.number().int().positive()).max(20).default([]),
  enabled: z.boolean().default(true),
};

type RuleFields = {
  kind: string;
  workflow: string | null;
  system: string | null;
  threshold: number | null;
  currency: string | null;
};

function requireKindFields(r: RuleFields, ctx: z.RefinementCtx): void {
  if (r.kind === "no_traffic") {
    if (!r.system)
      ctx.addIssue({ code: "custom", path: ["system"], message: "Choose the source system that must keep sending." });
    return;
  }
  if (!r.workflow) ctx.addIssue({ code: "custom", path: ["workflow"], message: "Choose the workflow to watch." });
  if (r.kind !== "p95_latency" && r.threshold === null)
    ctx.addIssue({ code: "custom", path: ["threshold"], message: "Enter a threshold." });
  if (r.kind === "failure_rate" && r.threshold !== null && r.threshold > 100)
    ctx.addIssue({ code: "custom", path: ["threshold"], message: "Enter a percentage from 0 to 100." });
  if (r.kind === "stuck_value" && !r.currency)
    ctx.addIssue({
      code: "custom",
      path: ["currency"],
      message: "Enter the currency the value is counted in, such as USD.",
    });
}

export const createAlertRuleSchema = z.object(fields).superRefine(requireKindFields);
export type CreateAlertRuleInput = z.infer<typeof createAlertRuleSchema>;

export const updateAlertRuleSchema = z
  .object({ id: z.coerce.number().int().positive(), ...fields })
  .superRefine(requireKindFields);
export type UpdateAlertRuleInput = z.infer<typeof updateAlertRuleSchema>;
