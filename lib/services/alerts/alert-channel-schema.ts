import { z } from "zod";
import { ALERT_CHANNEL_KINDS } from "@/lib/jobs/alerts/channel-config";

// A channel as the admin form sends it. Secrets (webhook URL, SMTP password) left blank
// on an edit keep the stored one; they are never sent back to the browser.

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const optionalText = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max).nullable().default(null));

const fields = {
  name: z.string().trim().min(1, "Name the channel.").max(100),
  kind: z.enum(ALERT_CHANNEL_KINDS),
  url: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .url("Enter a full URL starting with http:// or https://.")
      .regex(/^https?:\/\//, "Enter a URL starting with http:// or https://.")
      .max(2000)
      .nullable()
      .default(null),
  ),
  host: optionalText(255),
  port: z.preprocess(blankToNull, z.coerce.number().int().min(1).max(65535).nullable().default(null)),
  secure: z.boolean().default(false),
  user: optionalText(255),
  password: z.preprocess(blankToNull, z.string().max(500).nullable().default(null)),
  from: optionalText(255),
  // comma- or space-separated addresses
  to: z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[\s,;]+/).filter(Boolean) : v),
    z.array(z.string().email("Enter valid email addresses, separated by commas.")).max(20).default([]),
  ),
  enabled: z.boolean().default(true),
};

export const createAlertChannelSchema = z.object(fields).superRefine((c, ctx) => requireKindFields(c, ctx, true));
export type CreateAlertChannelInput = z.infer<typeof createAlertChannelSchema>;

export const updateAlertChannelSchema = z
  .object({ id: z.coerce.number().int().positive(), ...fields })
  .superRefine((c, ctx) => requireKindFields(c, ctx, false));
export type UpdateAlertChannelInput = z.infer<typeof updateAlertChannelSchema>;

function requireKindFields(
  c: { kind: string; url: string | null; host: string | null; port: number | null; from: string | null; to: string[] },
  ctx: z.RefinementCtx,
  creating: boolean,
): void {
  if (c.kind === "email") {
    if (!c.host) ctx.addIssue({ code: "custom", path: ["host"], message: "Enter the SMTP host." });
    if (!c.port) ctx.addIssue({ code: "custom", path: ["port"], message: "Enter the SMTP port (587, 465 or 25)." });
    if (!c.from) ctx.addIssue({ code: "custom", path: ["from"], message: "Enter the sender address." });
    if (c.to.length === 0) ctx.addIssue({ code: "custom", path: ["to"], message: "Enter at least one recipient." });
  } else if (creating && !c.url) {
    ctx.addIssue({ code: "custom", path: ["url"], message: "Enter the webhook URL." });
  }
}
