import { z } from "zod";

// Environment, parsed one way everywhere: each part declares its variables as a zod schema
// (the app's below; the worker's parts in lib/jobs/*-settings.ts and
// lib/ingest/amqp/amqp-settings.ts) and reads them with parseEnv, which fails fast with a
// message that names each wrong variable and says what it should be.

export type EnvSource = Record<string, string | undefined>;

export function parseEnv<S extends z.ZodType>(schema: S, env: EnvSource = process.env): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")} ${i.message}`);
  throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
}

// Coerced as Number() does ("" is 0), then held to whole numbers within the bounds.
export function wholeNumber(min: number, max?: number) {
  const error = `must be a whole number ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}`;
  const atLeast = z.coerce.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? atLeast : atLeast.max(max, { error });
}

// Set but empty (`CROSSDOCK_PUBLIC_URL=` in an env file) counts as unset.
export function optionalUrl() {
  const url = z.string().url({ error: "must be a URL such as https://crossdock.example.com" });
  return z.preprocess((v) => (v === "" ? undefined : v), url.optional());
}

export function text(maxLength: number, opts: { trim?: boolean } = {}) {
  const error = `must be 1 to ${maxLength} characters`;
  return (opts.trim ? z.string().trim() : z.string()).min(1, { error }).max(maxLength, { error });
}

export function postgresUrl() {
  return z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL");
}

// A streaming replica that dashboards, search and exports read from (lib/db.ts,
// getReadDatabase). Read at call time, as DATABASE_URL is; set but empty counts as unset.
export const readDatabaseSchema = z.object({
  DATABASE_READ_URL: z.preprocess((v) => (v === "" ? undefined : v), postgresUrl().optional()),
});

// The app's own variables (README, "Configuration").
const schema = readDatabaseSchema.extend({
  DATABASE_URL: postgresUrl().optional(),
  PORT: wholeNumber(1, 65535).default(3000),
  CROSSDOCK_DATA_DIR: z.string().default(".data"),
  INGEST_MAX_BODY_BYTES: wholeNumber(1).default(5 * 1024 * 1024),
  INGEST_MAX_EVENTS: wholeNumber(1).default(1000),
  INGEST_MAX_PAYLOAD_BYTES: wholeNumber(1).default(256 * 1024),
  DATABASE_POOL_SIZE: wholeNumber(1).default(10),
  // Ingest overload protection (lib/ingest/ingest-guard.ts): requests per API key per
  // window (0 turns the limit off), and requests being processed at once per process.
  INGEST_RATE_LIMIT_REQUESTS: wholeNumber(0).default(100),
  INGEST_RATE_LIMIT_WINDOW_SECONDS: wholeNumber(1).default(1),
  INGEST_MAX_IN_FLIGHT: wholeNumber(1).default(64),
  // Outbound calls (replays, record checks, alerts) to loopback, private and link-local
  // addresses are refused unless listed: host names, IPs or CIDRs, comma-separated.
  CROSSDOCK_ALLOWED_PRIVATE_HOSTS: z.string().default(""),
  // How long the first answer to an API call with an Idempotency-Key is kept and repeated
  // (lib/http/idempotent-call.ts): longer than any automation retries the same call.
  API_IDEMPOTENCY_TTL_HOURS: wholeNumber(1, 720).default(24),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  return (cached ??= parseEnv(schema));
}
