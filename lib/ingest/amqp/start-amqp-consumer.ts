import type { Pool } from "pg";
import { getEnv } from "@/lib/env";
import type { AmqpSettings } from "@/lib/ingest/amqp/amqp-settings";
import { type AmqpConsumer, consumeQueue } from "@/lib/ingest/amqp/consumer";

// The worker's broker ingest (README, "RabbitMQ"): the HTTP API's body limits apply to each
// message. Resolves once the first connection attempt is made; a broker that is not there
// yet is retried in the background, so the rest of the worker runs regardless.
export function startAmqpConsumer(pool: Pool, settings: AmqpSettings): Promise<AmqpConsumer> {
  const env = getEnv();
  return consumeQueue({
    pool,
    settings,
    limits: {
      maxBodyBytes: env.INGEST_MAX_BODY_BYTES,
      maxEvents: env.INGEST_MAX_EVENTS,
      maxPayloadBytes: env.INGEST_MAX_PAYLOAD_BYTES,
    },
  });
}
