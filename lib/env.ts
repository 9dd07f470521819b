import { z } from "zod";

// Environment, parsed once and failing fast with a message that names the variable.
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  CROSSDOCK_DATA_DIR: z.string().default(".data"),
  INGEST_MAX_BODY_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  INGEST_MAX_EVENTS: z.coerce.number().int().positive().default(1000),
  INGEST_MAX_PAYLOAD_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  // Ingest overload protection (lib/ingest/ingest-guard.ts): requests per API key per
  // window (0 turns the limit off), and requests being processed at once per process.
  INGEST_RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(100),
  INGEST_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(1),
  INGEST_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(64),
  // Alerts (lib/jobs/alert-settings.ts reads them in the worker): evaluation interval and
  // the base URL of links in notifications (NEXTAUTH_URL when unset).
  ALERT_EVALUATION_MS: z.coerce.number().int().min(100).default(60_000),
  CROSSDOCK_PUBLIC_URL: z.string().url().optional().or(z.literal("")),
  // Outbound calls (replays, record checks, alerts) to loopback, private and link-local
  // addresses are refused unless listed: host names, IPs or CIDRs, comma-separated.
  CROSSDOCK_ALLOWED_PRIVATE_HOSTS: z.string().default(""),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
