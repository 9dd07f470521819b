import { z } from "zod";
import { type EnvSource, optionalUrl, parseEnv, wholeNumber } from "@/lib/env";

// Alert evaluation settings from the environment (README, "Alerts").
const schema = z.object({
  // How often the worker evaluates the rules and sends what is due.
  ALERT_EVALUATION_MS: wholeNumber(100).default(60_000),
  // Where links in notifications point; NEXTAUTH_URL (the app's own URL) when unset.
  CROSSDOCK_PUBLIC_URL: optionalUrl(),
  NEXTAUTH_URL: optionalUrl(),
});

export interface AlertSettings {
  evaluationMs: number;
  publicUrl: string;
}

export function alertSettings(env: EnvSource = process.env): AlertSettings {
  const s = parseEnv(schema, env);
  return {
    evaluationMs: s.ALERT_EVALUATION_MS,
    publicUrl: s.CROSSDOCK_PUBLIC_URL ?? s.NEXTAUTH_URL ?? "http://localhost:3000",
  };
}
