import { z } from "zod";
import { type EnvSource, parseEnv, text, wholeNumber } from "@/lib/env";

// The broker consumer's settings from the environment (README, "RabbitMQ"). The consumer
// is off unless CROSSDOCK_AMQP_URL is set.
const schema = z.object({
  CROSSDOCK_AMQP_URL: z
    .string()
    .regex(/^amqps?:\/\//, "must be an amqp:// or amqps:// URL")
    .optional(),
  CROSSDOCK_AMQP_QUEUE: text(255).default("crossdock.events"),
  // Defaults to "<queue>.dead-letter".
  CROSSDOCK_AMQP_DEAD_LETTER_QUEUE: text(255).optional(),
  // Unacknowledged messages the broker hands this consumer at once (each is stored as it comes).
  CROSSDOCK_AMQP_PREFETCH: wholeNumber(1, 1000).default(20),
  // Events from the queue are stored as sent by this system, as if posted with one of its API keys.
  CROSSDOCK_AMQP_SYSTEM: text(200, { trim: true }).default("rabbitmq"),
  // Backoff before a message is requeued because the database is down, and between
  // reconnects to the broker: doubles from the base up to the ceiling.
  CROSSDOCK_AMQP_RETRY_BASE_MS: wholeNumber(1).default(1000),
  CROSSDOCK_AMQP_RETRY_MAX_MS: wholeNumber(1).default(30_000),
});

export interface AmqpSettings {
  url: string;
  queue: string;
  deadLetterQueue: string;
  prefetch: number;
  systemName: string;
  retryBaseMs: number;
  retryMaxMs: number;
}

// null when the consumer is not configured; throws naming the variable when a value is wrong.
export function amqpSettings(env: EnvSource = process.env): AmqpSettings | null {
  const s = parseEnv(schema, env);
  if (s.CROSSDOCK_AMQP_URL === undefined) return null;
  return {
    url: s.CROSSDOCK_AMQP_URL,
    queue: s.CROSSDOCK_AMQP_QUEUE,
    deadLetterQueue: s.CROSSDOCK_AMQP_DEAD_LETTER_QUEUE ?? `${s.CROSSDOCK_AMQP_QUEUE}.dead-letter`,
    prefetch: s.CROSSDOCK_AMQP_PREFETCH,
    systemName: s.CROSSDOCK_AMQP_SYSTEM,
    retryBaseMs: s.CROSSDOCK_AMQP_RETRY_BASE_MS,
    retryMaxMs: Math.max(s.CROSSDOCK_AMQP_RETRY_MAX_MS, s.CROSSDOCK_AMQP_RETRY_BASE_MS),
  };
}

// Exponential backoff with jitter (half fixed, half random), so many consumers that lost
// the same database or broker do not come back at the same instant.
export function retryDelayMs(
  failures: number,
  s: Pick<AmqpSettings, "retryBaseMs" | "retryMaxMs">,
  random = Math.random,
): number {
  const ceiling = Math.min(s.retryMaxMs, s.retryBaseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

// The URL for logs: the password never appears.
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
