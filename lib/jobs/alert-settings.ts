import { z } from "zod";

// Alert evaluation settings from the environment (README, "Alerts").
const schema = z.object({
  // How often the worker evaluates the rules and sends what is due.
  ALERT_EVALUATION_MS: z.coerce.number().int().min(100).default(60_000),
  // Where links in notifications point; NEXTAUTH_URL (the app's own URL) when unset.
  CROSSDOCK_PUBLIC_URL: z.string().url().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
});

export interface AlertSettings {
  evaluationMs: number;
  publicUrl: string;
}

export function alertSettings(env: Record<string, string | undefined> = process.env): AlertSettings {
  const parsed = schema.safeParse({ ...env, CROSSDOCK_PUBLIC_URL: env.CROSSDOCK_PUBLIC_URL || undefined, NEXTAUTH_URL: env.NEXTAUTH_URL || undefined });
  if (!parsed.success) throw new Error(`Invalid alert settings: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const s = parsed.data;
  return { evaluationMs: s.ALERT_EVALUATION_MS, publicUrl: s.CROSSDOCK_PUBLIC_URL ?? s.NEXTAUTH_URL ?? "http://localhost:3000" };
}
