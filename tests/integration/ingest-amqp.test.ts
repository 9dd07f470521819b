import { randomBytes } from "node:crypto";
import amqp, { type ChannelModel, type ConfirmChannel, type GetMessage, type Options } from "amqplib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AmqpSettings } from "@/lib/ingest/amqp/amqp-settings";
import { type AmqpConsumer, consumeQueue, type SettledMessage } from "@/lib/ingest/amqp/consumer";
import { getTransaction } from "@/lib/queries/get-transaction";
import { ingest, newApiKey } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { useTestDatabase } from "../helpers/test-database";

// The RabbitMQ consumer against a real broker (CROSSDOCK_TEST_AMQP_URL, by default the local
// one with the guest account) and a real database. Each run uses its own queues and deletes them.
const AMQP_URL = process.env.CROSSDOCK_TEST_AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672";
const noBroker = await probeBroker(AMQP_URL);
if (noBroker)
  console.warn(`ingest-amqp: SKIPPED, no RabbitMQ broker at ${AMQP_URL.replace(/:[^:@/]*@/, ":***@")}: ${noBroker}`);

async function probeBroker(url: string): Promise<string | null> {
  try {
    const conn = await amqp.connect(url, { timeout: 2000 });
    await conn.close();
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  }
}

const LIMITS = { maxBodyBytes: 5 * 1024 * 1024, maxEvents: 1000, maxPayloadBytes: 256 * 1024 };
const SYSTEM = "broker-test";
const run = randomBytes(4).toString("hex");

describe.skipIf(noBroker !== null)("RabbitMQ ingest", () => {
  const db = useTestDatabase();
  let publisher: ChannelModel;
  let ch: ConfirmChannel;
  let consumer: AmqpConsumer | null = null;
  const settled: SettledMessage[] = [];
  const logs: string[] = [];
  const queues: string[] = [];

  function settingsFor(queue: string): AmqpSettings {
    queues.push(queue, `${queue}.dead-letter`);
    return {
      url: AMQP_URL,
      queue,
      deadLetterQueue: `${queue}.dead-letter`,
      prefetch: 10,
      systemName: SYSTEM,
      retryBaseMs: 50,
      retryMaxMs: 200,
    };
  }
  const main = settingsFor(`crossdock.test.${run}.events`);

  function start(settings: AmqpSettings, pool: pg.Pool = db.pool): Promise<AmqpConsumer> {
    return consumeQueue({
      pool,
      settings,
      limits: LIMITS,
      log: (level, line) => logs.push(`${level}: ${line}`),
      onSettled: (s) => settled.push(s),
    });
  }

  let sequence = 0;
  // Publishes and waits until the consumer settled that message (matched by message id).
  async function publish(content: unknown, options: Options.Publish = {}, queue = main.queue): Promise<SettledMessage> {
    const messageId = `m-${run}-${++sequence}`;
    const bytes = Buffer.isBuffer(content)
      ? content
      : Buffer.from(typeof content === "string" ? content : JSON.stringify(content));
    await new Promise<void>((resolve, reject) =>
      ch.sendToQueue(queue, bytes, { ...options, messageId }, (err: unknown) => (err ? reject(err) : resolve())),
    );
    return waitFor(
      () => settled.find((s) => s.messageId === messageId && s.action === "ack"),
      `message ${messageId} acked`,
    );
  }

  async function deadLetters(queue = main.deadLetterQueue): Promise<GetMessage[]> {
    const out: GetMessage[] = [];
    for (;;) {
      const msg = await ch.get(queue, { noAck: true });
      if (msg === false) return out;
      out.push(msg);
    }
  }

  async function queueDepth(queue: string): Promise<{ messageCount: number; consumerCount: number }> {
    const probe = await publisher.createChannel();
    probe.on("error", () => undefined); // a missing queue closes the channel; checkQueue rejects
    try {
      return await probe.checkQueue(queue);
    } finally {
      await probe.close().catch(() => undefined);
    }
  }

  async function transaction(externalId: string) {
    const found = await getTransaction(db.prisma, externalId);
    if (!("found" in found)) throw new Error(`transaction ${externalId} not found`);
    return found.found;
  }

  beforeAll(async () => {
    publisher = await amqp.connect(AMQP_URL);
    publisher.on("error", () => undefined); // a failure shows in the call that hit it
    ch = await publisher.createConfirmChannel();
    consumer = await start(main);
    await waitFor(
      async () => (await queueDepth(main.queue)).consumerCount === 1 || undefined,
      "the consumer is consuming",
    );
  });

  afterAll(async () => {
    await consumer?.stop();
    await publisher?.close().catch(() => undefined);
    if (noBroker === null) {
      // A connection of its own: the cleanup must not depend on the state the tests left.
      const cleanup = await amqp.connect(AMQP_URL);
      const channel = await cleanup.createChannel();
      for (const q of queues) await channel.deleteQueue(q).catch(() => undefined);
      await cleanup.close();
    }
  });

  it("stores a native event as the sender system's transaction", async () => {
    const event = shipmentEvents("SHP-AMQP-1")[0]!;
    expect(await publish(event, { contentType: "application/json" })).toMatchObject({
      accepted: 1,
      duplicates: 0,
      deadLettered: false,
    });
    const { transaction: tx, events } = await transaction("TX-SHP-AMQP-1");
    expect(tx).toMatchObject({
      sender: SYSTEM,
      workflow: "shipment_confirmation",
      status: "in_flight",
      eventCount: 1,
      site: "east",
    });
    expect(events.map((e) => e.eventId)).toEqual(["SHP-AMQP-1-1"]);
  });

  it("stores a native batch (no content type) as one transaction with every event", async () => {
    const events = shipmentEvents("SHP-AMQP-2", { amount: 980 });
    expect(await publish({ events })).toMatchObject({ accepted: 4, duplicates: 0 });
    const { transaction: tx } = await transaction("TX-SHP-AMQP-2");
    expect(tx).toMatchObject({ status: "succeeded", eventCount: 4, value: { amount: "980", currency: "USD" } });
  });

  it("does not store a redelivered batch twice, nor the same events posted to the HTTP API", async () => {
    const events = shipmentEvents("SHP-AMQP-3");
    expect(await publish({ events })).toMatchObject({ accepted: 4 });
    expect(await publish({ events })).toMatchObject({ accepted: 0, duplicates: 4, deadLettered: false });
    const key = await newApiKey(db.pool, SYSTEM, ["ingest"]);
    const res = await ingest(key, { events });
    expect(res.body).toMatchObject({ accepted: 0, duplicates: 4 });
    expect((await transaction("TX-SHP-AMQP-3")).transaction.eventCount).toBe(4);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE event_id LIKE 'SHP-AMQP-3-%'`);
    expect(rows[0].n).toBe(4);
  });

  it("stores a CloudEvent in structured mode, with the trace from its traceparent", async () => {
    const ce = {
      specversion: "1.0",
      id: "SHP-AMQP-4-ack",
      source: "/wms/east",
      type: "com.example.shipment_confirmation.acknowledged",
      time: "2026-11-02T09:00:00Z",
      traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      data: { transactionId: "TX-SHP-AMQP-4", layer: "target_api", businessKey: "SHP-AMQP-4" },
    };
    expect(await publish(ce, { contentType: "application/cloudevents+json; charset=utf-8" })).toMatchObject({
      accepted: 1,
    });
    const { transaction: tx, events } = await transaction("TX-SHP-AMQP-4");
    expect(tx).toMatchObject({
      status: "succeeded",
      traceId: "0af7651916cd43dd8448eb211c80319c",
      businessKey: "SHP-AMQP-4",
    });
    expect(events[0]).toMatchObject({
      eventId: "/wms/east#SHP-AMQP-4-ack",
      stage: "acknowledged",
      layer: "target_api",
      occurredAt: "2026-11-02T09:00:00.000Z",
    });
  });

  it("stores a CloudEvent in binary mode: cloudEvents_ headers, an AMQP timestamp, the data as body", async () => {
    const headers = {
      cloudEvents_specversion: "1.0",
      cloudEvents_id: "SHP-AMQP-5-fail",
      cloudEvents_source: "/erp",
      cloudEvents_type: "com.example.shipment_confirmation.failed",
      cloudEvents_time: { "!": "timestamp", value: Date.parse("2026-11-02T10:00:00Z") / 1000 },
    };
    const data = {
      transactionId: "TX-SHP-AMQP-5",
      layer: "target_api",
      error: { code: "CUSTOMER_MASTER_INVALID", message: "Customer C-1 failed validation", retryable: false },
    };
    expect(await publish(data, { contentType: "application/json", headers })).toMatchObject({ accepted: 1 });
    const { transaction: tx, events } = await transaction("TX-SHP-AMQP-5");
    expect(tx).toMatchObject({
      status: "failed",
      failedLayer: "target_api",
      error: { code: "CUSTOMER_MASTER_INVALID" },
    });
    expect(events[0]).toMatchObject({ eventId: "/erp#SHP-AMQP-5-fail", occurredAt: "2026-11-02T10:00:00.000Z" });
  });

  it("dead-letters what is not JSON, keeping the body and properties, with the reason", async () => {
    expect(await publish("this is not json", { headers: { tenant: "acme" } })).toMatchObject({
      accepted: 0,
      deadLettered: true,
    });
    const [letter, ...more] = await deadLetters();
    expect(more).toEqual([]);
    expect(letter!.content.toString()).toBe("this is not json");
    expect(letter!.properties.messageId).toBe(`m-${run}-${sequence}`);
    expect(letter!.properties.headers).toMatchObject({ tenant: "acme", "x-crossdock-source-queue": main.queue });
    expect(letter!.properties.headers!["x-crossdock-error"]).toMatch(
      /^body: malformed JSON: syntax error at line 1, column 1/,
    );
  });

  it("dead-letters JSON that is not an event: the wrong shape, or an object with the per-field errors", async () => {
    await publish([1, 2, 3]);
    await publish({ hello: "world" });
    const [array, object] = await deadLetters();
    expect(array!.properties.headers!["x-crossdock-error"]).toMatch(
      /^body: The body must be one event object or \{"events": \[ \.\.\. \]\}/,
    );
    expect(object!.properties.headers!["x-crossdock-error"]).toMatch(/^1 of 1 event rejected: id: /);
    const rejected = JSON.parse(object!.properties.headers!["x-crossdock-rejected"]);
    expect(rejected[0].index).toBe(0);
    expect(rejected[0].errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(["id", "transactionId", "workflow", "stage", "layer", "occurredAt"]),
    );
  });

  it("stores the valid events of a batch and dead-letters only the rejected ones, with their errors", async () => {
    const [good1, bad, good2] = shipmentEvents("SHP-AMQP-6");
    const invalid = { ...bad!, layer: "moon" };
    expect(await publish({ events: [good1, invalid, good2] })).toMatchObject({ accepted: 2, deadLettered: true });
    expect((await transaction("TX-SHP-AMQP-6")).transaction.eventCount).toBe(2);
    const [letter] = await deadLetters();
    expect(JSON.parse(letter!.content.toString())).toEqual({ events: [invalid] });
    expect(letter!.properties.headers!["x-crossdock-error"]).toMatch(/^1 of 3 events rejected: events\[1\]\.layer: /);
    expect(JSON.parse(letter!.properties.headers!["x-crossdock-rejected"])).toMatchObject([
      { index: 1, id: "SHP-AMQP-6-2", errors: [{ path: "events[1].layer" }] },
    ]);
  });

  it("dead-letters a binary-mode CloudEvent without an id, naming the header", async () => {
    const headers = {
      cloudEvents_specversion: "1.0",
      cloudEvents_source: "/erp",
      cloudEvents_type: "com.example.shipment_confirmation.failed",
      cloudEvents_time: "2026-11-02T10:00:00Z",
    };
    await publish({ transactionId: "TX-SHP-AMQP-7", layer: "broker" }, { headers });
    const [letter] = await deadLetters();
    expect(letter!.properties.headers!["x-crossdock-error"]).toMatch(
      /^1 of 1 event rejected: cloudEvents_id: is required/,
    );
    expect(letter!.properties.headers!.cloudEvents_source).toBe("/erp");
  });

  it("dead-letters, rather than retries forever, text PostgreSQL cannot store, naming the field", async () => {
    const event = { ...shipmentEvents("SHP-AMQP-10")[0]!, businessKey: "SHP\u0000AMQP-10" };
    expect(await publish(event)).toMatchObject({ accepted: 0, deadLettered: true });
    const [letter] = await deadLetters();
    expect(letter!.properties.headers!["x-crossdock-error"]).toMatch(/businessKey: must not contain a NUL character/);
    expect(await getTransaction(db.prisma, "TX-SHP-AMQP-10")).toEqual({ notFound: true });
  });

  it("does not ack or dead-letter a message while the database is unreachable; it is stored once the database is back", async () => {
    const side = settingsFor(`crossdock.test.${run}.outage`);
    const unreachable = new pg.Pool({
      connectionString: "postgresql://crossdock@127.0.0.1:1/nowhere",
      connectionTimeoutMillis: 500,
    });
    unreachable.on("error", () => undefined);
    const down = await start(side, unreachable);
    try {
      const messageId = `m-${run}-outage`;
      const event = shipmentEvents("SHP-AMQP-8")[0]!;
      ch.sendToQueue(side.queue, Buffer.from(JSON.stringify(event)), { messageId });
      await ch.waitForConfirms();
      // Nacked back to the queue again and again, never acked.
      await waitFor(
        () => settled.filter((s) => s.messageId === messageId && s.action === "requeue").length >= 3 || undefined,
        "three requeues",
      );
      expect(settled.filter((s) => s.messageId === messageId && s.action === "ack")).toEqual([]);
      expect(logs.some((l) => /^error: storing failed: .*the message goes back to the queue/.test(l))).toBe(true);
    } finally {
      await down.stop();
      await unreachable.end();
    }
    expect((await queueDepth(side.queue)).messageCount).toBe(1);
    expect((await queueDepth(side.deadLetterQueue)).messageCount).toBe(0);
    expect(await getTransaction(db.prisma, "TX-SHP-AMQP-8")).toEqual({ notFound: true });

    const up = await start(side);
    try {
      await waitFor(
        async () => ("found" in (await getTransaction(db.prisma, "TX-SHP-AMQP-8")) ? true : undefined),
        "the transaction stored after the outage",
      );
      await waitFor(
        () => settled.find((s) => s.messageId === `m-${run}-outage` && s.action === "ack"),
        "acked after the outage",
      );
    } finally {
      await up.stop();
    }
    expect((await queueDepth(side.queue)).messageCount).toBe(0);
  });

  it("loses no dead letter when the dead-letter queue was deleted: it declares it again and redelivers", async () => {
    const admin = await publisher.createChannel();
    await admin.deleteQueue(main.deadLetterQueue);
    await admin.close();
    expect(await publish("{ truncated", { contentType: "application/json" })).toMatchObject({ deadLettered: true });
    expect(
      logs.some((l) =>
        l.includes(`could not dead-letter a message: no queue named ${main.deadLetterQueue}; reconnecting`),
      ),
    ).toBe(true);
    const [letter, ...more] = await deadLetters();
    expect(more).toEqual([]);
    expect(letter!.content.toString()).toBe("{ truncated");
    expect(letter!.properties.headers!["x-crossdock-error"]).toMatch(/^body: malformed JSON/);
  });

  it("reconnects and declares its queue again when the queue is deleted under it", async () => {
    const admin = await publisher.createChannel();
    await admin.deleteQueue(main.queue);
    await admin.close();
    await waitFor(async () => {
      const q = await queueDepth(main.queue).catch(() => null);
      return q?.consumerCount === 1 || undefined;
    }, "the consumer back on a fresh queue");
    expect(logs.some((l) => l.includes("the broker cancelled the consumer"))).toBe(true);
    expect(await publish(shipmentEvents("SHP-AMQP-9")[0])).toMatchObject({ accepted: 1 });
    expect((await transaction("TX-SHP-AMQP-9")).transaction.eventCount).toBe(1);
  });

  it("left nothing unacked: once stopped, the queue is empty", async () => {
    await consumer!.stop();
    consumer = null;
    expect(await queueDepth(main.queue)).toEqual(expect.objectContaining({ messageCount: 0, consumerCount: 0 }));
    expect(logs.at(-1)).toBe(`info: stopped consuming ${main.queue}`);
  });
});

async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
