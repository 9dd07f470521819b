import { z } from "zod";
import { decryptSecret } from "@/lib/crypto/secret-box";

// A channel as the senders need it: the stored settings plus its decrypted secret (the
// webhook URL, which usually carries its token, or the SMTP password).

export const ALERT_CHANNEL_KINDS = ["webhook", "slack", "email"] as const;
export type AlertChannelKind = (typeof ALERT_CHANNEL_KINDS)[number];

export const emailSettingsSchema = z.object({
  host: z.string().trim().min(1).max(255),
  port: z.coerce.number().int().min(1).max(65535),
  // true: TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when offered.
  secure: z.boolean(),
  user: z.string().trim().max(255).nullable(),
  from: z.string().trim().min(3).max(255),
  to: z.array(z.string().trim().email()).min(1).max(20),
});
export type EmailSettings = z.infer<typeof emailSettingsSchema>;

export type ChannelConfig =
  | { kind: "webhook" | "slack"; url: string }
  | { kind: "email"; settings: EmailSettings; password: string | null };

export interface StoredChannel {
  kind: string;
  settings: unknown;
  secret: string | null;
}

export function channelConfig(c: StoredChannel): ChannelConfig {
  if (c.kind === "webhook" || c.kind === "slack") {
    if (!c.secret) throw new Error("The channel has no webhook URL.");
    return { kind: c.kind, url: decryptSecret(c.secret) };
  }
  if (c.kind === "email")
    return {
      kind: "email",
      settings: emailSettingsSchema.parse(c.settings),
      password: c.secret ? decryptSecret(c.secret) : null,
    };
  throw new Error(`Unknown channel kind ${c.kind}.`);
}

// "https://hooks.slack.com/…": enough to recognise a webhook in a list without revealing it.
export function urlHint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.length > 1 ? "/…" : "/"}`;
  } catch {
    return "(invalid URL)";
  }
}
