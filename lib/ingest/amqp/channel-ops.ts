import { randomUUID } from "node:crypto";
import type { ChannelModel, ConfirmChannel, Message, Options } from "amqplib";

// Small broker and timing steps of the consumer.

// Declares the queue (durable) only when it does not exist, so a queue the operator set up
// with other arguments (quorum type, limits, its own dead-letter exchange) is used as is.
export async function ensureQueue(conn: ChannelModel, name: string): Promise<void> {
  const check = await conn.createChannel();
  check.on("error", () => undefined);
  try {
    await check.checkQueue(name);
    await check.close();
    return;
  } catch {
    // 404: checkQueue closed that channel
  }
  const declare = await conn.createChannel();
  declare.on("error", () => undefined);
  try {
    await declare.assertQueue(name, { durable: true });
  } finally {
    await declare.close().catch(() => undefined);
  }
}

export class UnroutableError extends Error {}

// Publishes to a queue through the default exchange and resolves once the broker has taken
// responsibility for the message. `mandatory` makes a missing queue an error (the broker
// returns the message before confirming it) instead of a silent drop.
export function publishConfirmed(
  ch: ConfirmChannel,
  queue: string,
  content: Buffer,
  options: Options.Publish,
): Promise<void> {
  const publishId = randomUUID();
  let returned = false;
  const onReturn = (msg: Message) => {
    if (msg.properties.headers?.["x-crossdock-publish-id"] === publishId) returned = true;
  };
  ch.on("return", onReturn);
  return new Promise<void>((resolve, reject) => {
    const headers = {
      ...(options.headers as Record<string, unknown> | undefined),
      "x-crossdock-publish-id": publishId,
    };
    try {
      ch.sendToQueue(queue, content, { ...options, headers, mandatory: true }, (err: unknown) => {
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else if (returned) reject(new UnroutableError(`no queue named ${queue}`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  }).finally(() => ch.off("return", onReturn));
}

export function bounded(work: Promise<unknown>, ms = 5000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    timeout,
  ]).finally(() => clearTimeout(timer));
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
