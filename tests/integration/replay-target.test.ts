import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { registerReplayEndpoint } from "@/sim/replay-target/register";
import { createReplayTarget, type ReplayTarget } from "@/sim/replay-target/server";
import { ingest, newApiKey } from "../helpers/api";
import { useCrossdockServer } from "../helpers/crossdock-server";
import { useTestDatabase } from "../helpers/test-database";

// The demo's replay target (sim/replay-target) over real HTTP: it takes replays, fails
// them again while their cause is broken, posts them once fixed, and reports every
// outcome through Crossdock's real ingest route handler into a real database.

const TOKEN = "sim-replay-token";
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT_SPAN = "00f067aa0ba902b7";

const db = useTestDatabase();
let key: string;
const crossdock = useCrossdockServer();
let target: ReplayTarget;
const logs: string[] = [];

beforeAll(async () => {
  key = await newApiKey(db.pool);
  target = await createReplayTarget({
    port: 0,
    crossdockUrl: crossdock.url,
    apiKey: key,
    token: TOKEN,
    log: (line) => logs.push(line),
    outcomeDelayMs: { min: 50, max: 150 },
    reporter: { firstDelayMs: 50, maxDelayMs: 200 },
  });
});

afterAll(async () => {
  await target?.close();
});

const CUSTOMER_MASTER = {
  code: "CUSTOMER_MASTER_INVALID",
  message: "Customer C-10042 failed validation: missing tax jurisdiction",
  layer: "target_api",
};

// A shipment confirmation that failed ten minutes ago at the given layer (attempt 1).
async function failedShipment(
  shipmentId: string,
  error: { code: string; message: string; layer: string } = CUSTOMER_MASTER,
) {
  const t0 = Date.now() - 10 * 60_000;
  const common = {
    transactionId: `TX-${shipmentId}`,
    workflow: "shipment_confirmation",
    site: "east",
    source: "wms-east",
    target: "erp-cloud",
    businessKey: shipmentId,
    refs: { shipmentId, loadId: `L-${shipmentId}`, customerId: "C-10042" },
  };
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  const steps = [
    { stage: "received", layer: "source_api" },
    { stage: "transformed", layer: "middleware" },
    { stage: "published", layer: "broker" },
  ].filter((_, i) => i < ["source_api", "middleware", "broker", "target_api"].indexOf(error.layer));
  const events = [
    ...steps.map((s, i) => ({ ...common, ...s, id: `${shipmentId}-${i + 1}`, occurredAt: at(i) })),
    {
      ...common,
      id: `${shipmentId}-f`,
      stage: "failed",
      layer: error.layer,
      occurredAt: at(5),
      error: { code: error.code, message: error.message, retryable: false },
    },
  ];
  const res = await ingest(key, { events });
  expect(res.body).toMatchObject({ rejected: 0 });
  const { rows } = await db.pool.query<{ id: string }>("SELECT id FROM transactions WHERE external_id = $1", [
    common.transactionId,
  ]);
  return {
    transactionId: common.transactionId,
    crossdockId: rows[0]!.id,
    businessKey: shipmentId,
    refs: common.refs,
    lastError: error,
  };
}

type Shipment = Awaited<ReturnType<typeof failedShipment>>;

function replayBody(tx: Shipment, replayId: string) {
  return {
    transactionId: tx.transactionId,
    crossdockId: tx.crossdockId,
    workflow: "shipment_confirmation",
    refs: { orderId: null, invoiceId: null, ...tx.refs },
    businessKey: tx.businessKey,
    payload: { shipment: tx.businessKey, lines: [{ sku: "SKU-1", qty: 3 }] },
    replayId,
    requestedBy: "manager.east@crossdock.demo",
    reason: "customer master corrected",
    lastError: tx.lastError,
  };
}

async function call(
  path: string,
  init: { method?: string; body?: unknown; token?: string | null; idempotencyKey?: string; signal?: AbortSignal } = {},
) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    traceparent: `00-${TRACE_ID}-${PARENT_SPAN}-01`,
  };
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? TOKEN}`;
  if (init.idempotencyKey) headers["idempotency-key"] = init.idempotencyKey;
  const res = await fetch(`${target.url}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    signal: init.signal,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const replay = (tx: Shipment, replayId: string, idempotencyKey = `idem-${tx.crossdockId}`) =>
  call("/replay", { body: replayBody(tx, replayId), idempotencyKey });

async function eventsOf(transactionId: string) {
  const { rows } = await db.pool.query(
    `SELECT e.event_id, e.stage, e.layer, e.attempt, e.error_code, e.error_message, e.error_retryable, e.trace_id, e.parent_span_id
     FROM events e JOIN transactions t ON t.id = e.transaction_id WHERE t.external_id = $1 ORDER BY e.occurred_at, e.id`,
    [transactionId],
  );
  return rows;
}

async function transaction(transactionId: string) {
  const { rows } = await db.pool.query(
    "SELECT status, attempts, error_code, failed_layer, current_layer, event_count FROM transactions WHERE external_id = $1",
    [transactionId],
  );
  return rows[0];
}

const waitLong = { timeout: 10_000, interval: 50 };

describe("replay target: causes, outcomes and idempotency", () => {
  let tx: Shipment;
  let firstDocument: string;

  beforeAll(async () => {
    tx = await failedShipment("SHP-RT-1");
  });

  it("answers health without a token", async () => {
    const res = await call("/health", { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, fault: "none" });
  });

  it("fails a replay again, as attempt 2, while its cause is broken", async () => {
    expect(target.control.snapshot().causes.broken).toContain("CUSTOMER_MASTER_INVALID");
    const res = await replay(tx, "rp-1");
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: true, replayId: "rp-1" });

    await vi.waitFor(
      async () => expect((await eventsOf(tx.transactionId)).map((e) => e.event_id)).toContain("rp-1:failed"),
      waitLong,
    );
    const replayed = (await eventsOf(tx.transactionId)).filter((e) => e.event_id.startsWith("rp-1:"));
    expect(replayed.map((e) => [e.stage, e.layer, e.attempt])).toEqual([
      ["received", "middleware", 2],
      ["transformed", "middleware", 2],
      ["published", "broker", 2],
      ["failed", "target_api", 2],
    ]);
    expect(replayed.at(-1)).toMatchObject({
      error_code: "CUSTOMER_MASTER_INVALID",
      error_message: CUSTOMER_MASTER.message,
      error_retryable: false,
    });
    expect(replayed.every((e) => e.trace_id === TRACE_ID && e.parent_span_id === PARENT_SPAN)).toBe(true);
    expect(await transaction(tx.transactionId)).toMatchObject({
      status: "failed",
      attempts: 2,
      error_code: "CUSTOMER_MASTER_INVALID",
      failed_layer: "target_api",
    });

    const record = await call(`/records/shipment_confirmation/${tx.businessKey}`);
    expect(record).toMatchObject({ status: 404, body: { exists: false } });
  });

  it("posts the document once the cause is fixed, and Crossdock sees the transaction succeed", async () => {
    const control = await call("/control", { body: { fixed: ["CUSTOMER_MASTER_INVALID"] } });
    expect(control.status).toBe(200);
    expect(control.body.causes.fixed).toContain("CUSTOMER_MASTER_INVALID");
    expect(control.body.causes.broken).not.toContain("CUSTOMER_MASTER_INVALID");

    const res = await replay(tx, "rp-2");
    expect(res).toMatchObject({ status: 202, body: { accepted: true, replayId: "rp-2" } });
    await vi.waitFor(async () => expect((await transaction(tx.transactionId)).status).toBe("succeeded"), waitLong);

    const replayed = (await eventsOf(tx.transactionId)).filter((e) => e.event_id.startsWith("rp-2:"));
    expect(replayed.map((e) => [e.stage, e.layer, e.attempt])).toEqual([
      ["received", "middleware", 3],
      ["transformed", "middleware", 3],
      ["published", "broker", 3],
      ["acknowledged", "target_api", 3],
    ]);
    expect(await transaction(tx.transactionId)).toMatchObject({
      status: "succeeded",
      attempts: 3,
      current_layer: "target_api",
    });

    const record = await call(`/records/shipment_confirmation/${encodeURIComponent(tx.businessKey)}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ exists: true, documentId: expect.stringMatching(/^ERP-DOC-/) });
    firstDocument = record.body.documentId;
    const other = await call("/records/shipment_confirmation/SHP-NEVER-POSTED");
    expect(other).toMatchObject({ status: 404, body: { exists: false } });
  });

  it("never posts twice: the same Idempotency-Key after success is a duplicate and sends nothing", async () => {
    await target.idle();
    const eventsBefore = (await eventsOf(tx.transactionId)).length;
    const callsBefore = crossdock.calls;

    const res = await replay(tx, "rp-3");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: true, duplicate: true, documentId: firstDocument });

    await target.idle();
    await new Promise((r) => setTimeout(r, 400)); // longer than the outcome delay
    expect((await eventsOf(tx.transactionId)).length).toBe(eventsBefore);
    expect(crossdock.calls).toBe(callsBefore);
    expect((await call(`/records/shipment_confirmation/${tx.businessKey}`)).body.documentId).toBe(firstDocument);
  });

  it("while a replay is in progress: the same replayId again is taken once, another replayId is refused", async () => {
    const slowTx = await failedShipment("SHP-RT-PENDING", {
      code: "BROKER_TIMEOUT",
      message: "Publish timed out",
      layer: "broker",
    });
    await call("/control", { body: { outcomeDelayMs: { min: 400, max: 400 } } });
    try {
      expect(await replay(slowTx, "rp-pending-1")).toMatchObject({
        status: 202,
        body: { accepted: true, replayId: "rp-pending-1" },
      });
      expect(await replay(slowTx, "rp-pending-1")).toMatchObject({
        status: 202,
        body: { accepted: true, replayId: "rp-pending-1" },
      });
      const other = await replay(slowTx, "rp-pending-2");
      expect(other.status).toBe(409);
      expect(other.body.error).toMatchObject({ inProgress: true, replayId: "rp-pending-1" });
      await target.idle();
      const replayed = (await eventsOf(slowTx.transactionId)).filter((e) => e.event_id.startsWith("rp-pending"));
      expect(replayed.map((e) => e.event_id)).toEqual([
        "rp-pending-1:received",
        "rp-pending-1:transformed",
        "rp-pending-1:published",
        "rp-pending-1:acknowledged",
      ]);
    } finally {
      await call("/control", { body: { outcomeDelayMs: { min: 50, max: 150 } } });
    }
  });

  it("answers a document already in the ERP (seeded) as a duplicate, without posting", async () => {
    const seededTx = await failedShipment("SHP-RT-SEEDED");
    const control = await call("/control", {
      body: {
        records: [{ workflow: "shipment_confirmation", businessKey: "SHP-RT-SEEDED", documentId: "ERP-INV-77" }],
      },
    });
    expect(control.status).toBe(200);
    expect(await call("/records/shipment_confirmation/SHP-RT-SEEDED")).toMatchObject({
      status: 200,
      body: { exists: true, documentId: "ERP-INV-77" },
    });

    const res = await replay(seededTx, "rp-seeded");
    expect(res).toMatchObject({ status: 200, body: { accepted: true, duplicate: true, documentId: "ERP-INV-77" } });
    await target.idle();
    expect((await eventsOf(seededTx.transactionId)).some((e) => e.event_id.startsWith("rp-seeded"))).toBe(false);
  });

  it("fails again at the layer of the original error (a broken broker)", async () => {
    const brokerTx = await failedShipment("SHP-RT-BROKER", {
      code: "BROKER_TIMEOUT",
      message: "Publish to queue erp.inbound timed out after 30000 ms",
      layer: "broker",
    });
    await call("/control", { body: { broken: ["BROKER_TIMEOUT"] } });
    try {
      expect((await replay(brokerTx, "rp-broker-1")).status).toBe(202);
      await vi.waitFor(
        async () =>
          expect((await eventsOf(brokerTx.transactionId)).map((e) => e.event_id)).toContain("rp-broker-1:failed"),
        waitLong,
      );
      const replayed = (await eventsOf(brokerTx.transactionId)).filter((e) => e.event_id.startsWith("rp-broker-1:"));
      expect(replayed.map((e) => [e.stage, e.layer])).toEqual([
        ["received", "middleware"],
        ["transformed", "middleware"],
        ["failed", "broker"],
      ]);
      expect(await transaction(brokerTx.transactionId)).toMatchObject({
        status: "failed",
        error_code: "BROKER_TIMEOUT",
        failed_layer: "broker",
      });
    } finally {
      await call("/control", { body: { fixed: ["BROKER_TIMEOUT"] } });
    }
  });

  it("keeps reporting with backoff while Crossdock is unreachable, and the outcome still arrives once", async () => {
    const transient = await failedShipment("SHP-RT-RETRY", {
      code: "WMS_API_503",
      message: "WMS API answered 503 Service Unavailable",
      layer: "source_api",
    });
    const callsBefore = crossdock.calls;
    crossdock.failNext(2);
    expect((await replay(transient, "rp-retry")).status).toBe(202);
    await vi.waitFor(
      async () => expect((await transaction(transient.transactionId)).status).toBe("succeeded"),
      waitLong,
    );
    expect(crossdock.calls - callsBefore).toBe(3);
    expect(logs.some((l) => l.includes("Crossdock answered 503") && l.includes("rp-retry"))).toBe(true);
    const replayed = (await eventsOf(transient.transactionId)).filter((e) => e.event_id.startsWith("rp-retry:"));
    expect(replayed.map((e) => e.stage)).toEqual(["received", "transformed", "published", "acknowledged"]);
  });
});

describe("replay target: input, auth and injected faults", () => {
  let tx: Shipment;
  beforeAll(async () => {
    await target.idle();
    const reset = await call("/control", { body: { reset: true } });
    expect(reset.body.causes.broken).toContain("CUSTOMER_MASTER_INVALID");
    tx = await failedShipment("SHP-RT-FAULTS");
  });

  it("answers 400 naming the field for a bad body or missing header", async () => {
    const { transactionId: _omitted, ...noTransactionId } = replayBody(tx, "rp-bad-1");
    const missing = await call("/replay", { body: noTransactionId, idempotencyKey: "idem-bad" });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      field: "transactionId",
      message: expect.stringContaining("transactionId"),
    });

    const badLayer = await call("/replay", {
      body: { ...replayBody(tx, "rp-bad-2"), lastError: { code: "X", layer: "erp" } },
      idempotencyKey: "idem-bad",
    });
    expect(badLayer.status).toBe(400);
    expect(badLayer.body.error.message).toContain("lastError.layer");

    const noKey = await call("/replay", { body: replayBody(tx, "rp-bad-3") });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.message).toContain("Idempotency-Key");

    const malformed = await call("/replay", { body: "{not json", idempotencyKey: "idem-bad" });
    expect(malformed.status).toBe(400);

    const control = await call("/control", { body: { fixd: ["X"] } });
    expect(control.status).toBe(400);
    expect(control.body.error.message).toContain("fixd");
  });

  it("answers 401 to a wrong or missing token, on replay, records and control", async () => {
    const wrong = await call("/replay", {
      body: replayBody(tx, "rp-auth"),
      idempotencyKey: "idem-auth",
      token: "not-the-token",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe("Bearer");
    expect(
      (await call("/replay", { body: replayBody(tx, "rp-auth"), idempotencyKey: "idem-auth", token: null })).status,
    ).toBe(401);
    expect((await call("/records/shipment_confirmation/SHP-RT-1", { token: "nope" })).status).toBe(401);
    expect((await call("/control", { body: { fixed: [] }, token: "nope" })).status).toBe(401);
  });

  it("is down (503) for as many requests as configured, then takes replays again", async () => {
    await call("/control", { body: { fault: { mode: "down", times: 2 } } });
    const down = await replay(tx, "rp-down");
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBeTruthy();
    expect((await call("/records/shipment_confirmation/SHP-RT-1")).status).toBe(503);
    expect(target.control.snapshot().fault.mode).toBe("none");
    await target.idle();
    expect((await eventsOf(tx.transactionId)).some((e) => e.event_id.startsWith("rp-down"))).toBe(false);
  });

  it("answers 409 while a conflict is injected, and nothing is posted", async () => {
    await call("/control", { body: { fault: { mode: "conflict" } } });
    const res = await replay(tx, "rp-conflict");
    expect(res.status).toBe(409);
    await call("/control", { body: { fault: null } });
    await target.idle();
    expect((await eventsOf(tx.transactionId)).some((e) => e.event_id.startsWith("rp-conflict"))).toBe(false);
  });

  it("times out: holds the request unanswered, then drops the connection", async () => {
    await call("/control", { body: { fault: { mode: "timeout", timeoutMs: 700, times: 1 } } });
    const started = Date.now();
    await expect(
      call("/replay", {
        body: replayBody(tx, "rp-timeout-2"),
        idempotencyKey: `idem-${tx.crossdockId}`,
        signal: AbortSignal.timeout(5_000),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(target.control.snapshot().fault.mode).toBe("none");
  });

  it("a client that gives up first sees its own timeout; afterwards the replay goes through", async () => {
    await call("/control", { body: { fault: { mode: "timeout", timeoutMs: 60_000, times: 1 } } });
    await expect(
      call("/replay", {
        body: replayBody(tx, "rp-timeout-3"),
        idempotencyKey: `idem-${tx.crossdockId}`,
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow(/timeout|aborted/i);
    const res = await replay(tx, "rp-after-faults");
    expect(res).toMatchObject({ status: 202, body: { accepted: true, replayId: "rp-after-faults" } });
    await vi.waitFor(
      async () => expect((await eventsOf(tx.transactionId)).map((e) => e.event_id)).toContain("rp-after-faults:failed"),
      waitLong,
    );
    // The held and refused requests never counted as attempts: this replay is attempt 2.
    expect(await transaction(tx.transactionId)).toMatchObject({ status: "failed", attempts: 2 });
  });
});

describe("replay target: registration in the demo catalogue", () => {
  it("becomes the replay endpoint of the demo systems, leaving an admin's endpoint alone", async () => {
    await seedCatalogue(db.pool);
    await db.pool.query(
      "UPDATE systems SET replay_endpoint = 'https://ipaas.example/replay' WHERE name = 'edi-gateway'",
    );
    const result = await registerReplayEndpoint(db.pool, target.replayUrl);
    expect(result.registered).toEqual(
      expect.arrayContaining(["wms-east", "wms-central", "wms-legacy-south", "erp-cloud", "middleware"]),
    );
    expect(result.keptOther).toEqual(["edi-gateway"]);
    const { rows } = await db.pool.query(
      "SELECT name, replay_endpoint FROM systems WHERE name IN ('wms-east', 'edi-gateway') ORDER BY name",
    );
    expect(rows).toEqual([
      { name: "edi-gateway", replay_endpoint: "https://ipaas.example/replay" },
      { name: "wms-east", replay_endpoint: target.replayUrl },
    ]);
    expect(target.replayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/replay$/);
  });
});
