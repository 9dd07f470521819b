import { z } from "zod";
import { type EnvSource, parseEnv } from "@/lib/env";

// How the app and the worker write their logs (README, "Monitoring"): JSON lines for a log
// collector by default, or a readable line per entry for a person at a terminal (the demo).
const schema = z.object({
  CROSSDOCK_LOG_FORMAT: z.enum(["json", "pretty"], { error: "must be json or pretty" }).default("json"),
  CROSSDOCK_LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
});

export interface LogSettings {
  format: "json" | "pretty";
  level: z.output<typeof schema>["CROSSDOCK_LOG_LEVEL"];
}

export function logSettings(env: EnvSource = process.env): LogSettings {
  const s = parseEnv(schema, env);
  return { format: s.CROSSDOCK_LOG_FORMAT, level: s.CROSSDOCK_LOG_LEVEL };
}
