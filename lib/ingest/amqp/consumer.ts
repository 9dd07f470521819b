import amqp, { type ChannelModel, type ConfirmChannel, type ConsumeMessage } from "amqplib";
import type { Pool } from "pg";
import { getLogger } from "@/lib/telemetry/logger";
import { type AmqpSettings, redactUrl, retryDelayMs } from "./amqp-settings";
import { bounded, ensureQueue, publishConfirmed, sleep, UnroutableError } from "./channel-ops";
import { deadLetterMessage } from "./dead-letter";
import { type IngestLimits, ingestMessage } from "./ingest-message";
import { senderSystem } from "./sender-system";

// Reads events from a RabbitMQ queue (AMQP 0-9-1) into the store. A message is acked only
// after its events are committed, or after its dead-letter copy is confirmed by the broker;
// when the database is down it is nacked back to the queue after a backoff. A message that
// was never acked (crash, lost connection) is redelivered by the broker and, its events
// being idempotent, stored once. The connection is re-established with backoff when it
// drops; stop() lets in-flight messages finish, then closes the channel and connection.

export interface AmqpConsumerOptions {
  pool: Pool;
  settings: AmqpSettings;
  limits: IngestLimits;
  log?: (level: "info" | "warn" | "error", line: string) => void;
  // Called once a message is settled, for counting (and for tests to wait on).
  onSettled?: (result: SettledMessage) => void;
}

export interface SettledMessage {
  messageId: string | undefined;
  action: "ack" | "requeue";
  accepted: number;
  duplicates: number;
  deadLettered: boolean;
}

export interface AmqpConsumer {
  stop(): Promise<void>;
}

export async function consumeQueue(opts: AmqpConsumerOptions): Promise<AmqpConsumer> {
  const { pool, settings, limits } = opts;
  const log = opts.log ?? defaultLog;
  const caller = senderSystem(pool, settings.systemName);
  const stopSignal = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let connection: ChannelModel | null = null;
  let channel: ConfirmChannel | null = null;
  let consumerTag: string | null = null;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let connecting: Promise<void> = Promise.resolve();
  let connectFailures = 0;
  let storeFailures = 0;
  const stopping = () => stopSignal.signal.aborted;

  async function connect(): Promise<void> {
    let conn: ChannelModel | undefined;
    try {
      conn = await amqp.connect(settings.url, {
        timeout: 10_000,
        clientProperties: { connection_name: `crossdock ingest ${settings.queue}` },
      });
      conn.on("error", (e: Error) => log("error", `connection error: ${e.message}`)); // "close" follows
      await ensureQueue(conn, settings.queue);
      await ensureQueue(conn, settings.deadLetterQueue);
      const ch = await conn.createConfirmChannel();
      ch.on("error", (e: Error) => log("error", `channel error: ${e.message}`));
      await ch.prefetch(settings.prefetch);
      const reply = await ch.consume(settings.queue, (msg) => onDelivery(ch, msg), { noAck: false });
      if (stopping()) {
        await conn.close().catch(() => undefined);
        return;
      }
      const current = conn;
      connection = conn;
      channel = ch;
      consumerTag = reply.consumerTag;
      connectFailures = 0;
      current.on("close", (err?: Error) => {
        if (connection !== current) return;
        connection = channel = consumerTag = null;
        if (!stopping()) {
          log(
            "error",
            `lost the broker connection${err ? ` (${err.message})` : ""}; messages not yet acked return to the queue`,
          );
          scheduleReconnect();
        }
      });
      // A channel closed by the broker (e.g. an ack it refused) takes the connection with it,
      // so that one path reconnects.
      ch.on("close", () => {
        if (!stopping() && channel === ch) void current.close().catch(() => undefined);
      });
      log(
        "info",
        `consuming ${settings.queue} at ${redactUrl(settings.url)} (prefetch ${settings.prefetch}; dead letters to ${settings.deadLetterQueue}; stored as system ${settings.systemName})`,
      );
    } catch (error) {
      await conn?.close().catch(() => undefined);
      connectFailures++;
      scheduleReconnect(`cannot consume ${settings.queue} at ${redactUrl(settings.url)}: ${messageOf(error)}`);
    }
  }

  function scheduleReconnect(why?: string): void {
    if (stopping() || reconnectTimer) return;
    const delay = retryDelayMs(connectFailures + 1, settings);
    log("error", `${why ? `${why}; ` : ""}reconnecting in ${delay} ms`);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connecting = connect();
    }, delay);
  }

  function onDelivery(ch: ConfirmChannel, msg: ConsumeMessage | null): void {
    if (msg === null) {
      // The broker cancelled us: the queue was deleted. Reconnecting declares it again.
      log("error", `the broker cancelled the consumer of ${settings.queue} (queue deleted?)`);
      if (channel === ch) void connection?.close().catch(() => undefined);
      return;
    }
    const work = handle(ch, msg).finally(() => inFlight.delete(work));
    inFlight.add(work);
  }

  async function handle(ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const done = { accepted: 0, duplicates: 0, deadLettered: false };
    if (stopping()) return settle(ch, msg, "requeue", done);
    const outcome = await ingestMessage(pool, caller, msg.content, msg.properties, limits);
    if (outcome.action === "retry") {
      const delay = retryDelayMs(++storeFailures, settings);
      log("error", `storing failed: ${messageOf(outcome.error)}; the message goes back to the queue in ${delay} ms`);
      await sleep(delay, stopSignal.signal);
      return settle(ch, msg, "requeue", done);
    }
    if (outcome.format !== null) storeFailures = 0;
    done.accepted = outcome.accepted;
    done.duplicates = outcome.duplicates;
    if (outcome.deadLetter) {
      const { content, options } = deadLetterMessage(msg, outcome.deadLetter, settings.queue);
      try {
        await publishConfirmed(ch, settings.deadLetterQueue, content, options);
      } catch (error) {
        // Events already stored are duplicates when the message comes back.
        if (error instanceof UnroutableError && channel === ch) {
          // The dead-letter queue was deleted: reconnecting declares it again, and the broker
          // redelivers this message, which was not acked.
          log("error", `could not dead-letter a message: ${error.message}; reconnecting`);
          void connection?.close().catch(() => undefined);
          return;
        }
        const delay = retryDelayMs(1, settings);
        log("error", `could not dead-letter a message (${messageOf(error)}); it goes back to the queue in ${delay} ms`);
        await sleep(delay, stopSignal.signal);
        return settle(ch, msg, "requeue", done);
      }
      done.deadLettered = true;
      log("warn", `dead-lettered a message to ${settings.deadLetterQueue}: ${outcome.deadLetter.reason.slice(0, 300)}`);
    }
    settle(ch, msg, "ack", done);
  }

  function settle(
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    how: "ack" | "requeue",
    done: Omit<SettledMessage, "messageId" | "action">,
  ): void {
    try {
      if (how === "ack") ch.ack(msg);
      else ch.nack(msg, false, true);
    } catch (error) {
      // The channel is gone; the broker redelivers every message it did not see acked.
      log("warn", `could not ${how} a message (${messageOf(error)}); the broker will redeliver it`);
      return;
    }
    opts.onSettled?.({ messageId: msg.properties.messageId, action: how, ...done });
  }

  connecting = connect();
  await connecting;
  return {
    async stop() {
      if (stopping()) return;
      stopSignal.abort();
      clearTimeout(reconnectTimer);
      await connecting;
      const ch = channel;
      // A half-dead connection answers nothing until its heartbeat times out: bound the waits.
      if (ch && consumerTag) await bounded(ch.cancel(consumerTag));
      await Promise.allSettled([...inFlight]);
      if (ch) await bounded(ch.close());
      if (connection) await bounded(connection.close());
      connection = channel = consumerTag = null;
      log("info", `stopped consuming ${settings.queue}`);
    },
  };
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(messageOf).join("; ");
  return error instanceof Error ? error.message || error.constructor.name : String(error);
}

function defaultLog(level: "info" | "warn" | "error", line: string): void {
  getLogger()[level]({ component: "amqp consumer" }, line);
}
