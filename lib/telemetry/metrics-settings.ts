import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { type EnvSource, parseEnv } from "@/lib/env";

// GET /metrics answers only a scraper that sends CROSSDOCK_METRICS_TOKEN as a Bearer token
// (README, "Monitoring"). Unset, /metrics is off.
const schema = z.object({
  CROSSDOCK_METRICS_TOKEN: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .min(16, { error: "must be at least 16 characters (e.g. the output of `openssl rand -hex 32`)" })
      .optional(),
  ),
});

export function metricsToken(env: EnvSource = process.env): string | null {
  return parseEnv(schema, env).CROSSDOCK_METRICS_TOKEN ?? null;
}

// The Authorization header carries the token; compared in constant time.
export function isMetricsToken(authorization: string | null, token: string): boolean {
  const sent = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
