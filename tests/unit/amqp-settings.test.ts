import { describe, expect, it } from "vitest";
import { amqpSettings, redactUrl, retryDelayMs } from "@/lib/ingest/amqp/amqp-settings";

describe("RabbitMQ consumer settings", () => {
  it("is off without CROSSDOCK_AMQP_URL", () => {
    expect(amqpSettings({ CROSSDOCK_AMQP_QUEUE: "q" })).toBeNull();
  });

  it("defaults the queue, the dead-letter queue after the queue, prefetch and system", () => {
    expect(amqpSettings({ CROSSDOCK_AMQP_URL: "amqp://localhost", CROSSDOCK_AMQP_QUEUE: "wms.events" })).toEqual({
      url: "amqp://localhost",
      queue: "wms.events",
      deadLetterQueue: "wms.events.dead-letter",
      prefetch: 20,
      systemName: "rabbitmq",
      retryBaseMs: 1000,
      retryMaxMs: 30_000,
    });
  });

  it("fails naming the variable", () => {
    expect(() => amqpSettings({ CROSSDOCK_AMQP_URL: "http://localhost" })).toThrow(
      /CROSSDOCK_AMQP_URL must be an amqp/,
    );
    expect(() => amqpSettings({ CROSSDOCK_AMQP_URL: "amqp://x", CROSSDOCK_AMQP_PREFETCH: "0" })).toThrow(
      /CROSSDOCK_AMQP_PREFETCH/,
    );
  });

  it("backs off exponentially up to the ceiling", () => {
    const s = { retryBaseMs: 100, retryMaxMs: 1000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(n, s, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(retryDelayMs(3, s, () => 0)).toBe(200);
  });

  it("never logs the password", () => {
    expect(redactUrl("amqp://ingest:s3cret@broker:5672/prod")).toBe("amqp://ingest:***@broker:5672/prod");
  });
});
