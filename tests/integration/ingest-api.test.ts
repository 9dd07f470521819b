import { beforeAll, describe, expect, it } from "vitest";
import { findTransactions, ingest, newApiKey, transactionEvents } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { useTestDatabase } from "../helpers/test-database";

const db = useTestDatabase();
let key: string;

beforeAll(async () => {
  key = await newApiKey(db.pool);
});

async function stateOf(transactionId: string) {
  const { rows } = await db.pool.query(
    `SELECT status, current_layer, failed_layer, attempts, latency_ms::float8 AS latency_ms, event_count, error_code, value_amount::text AS amount
     FROM transactions WHERE external_id = $1`,
    [transactionId],
  );
  return rows[0];
}

describe("POST /api/v1/events", () => {
  it("stores the latency of a transaction that took a month (more milliseconds than an int holds)", async () => {
    const events = shipmentEvents("SHP-MONTH");
    const acknowledged = events[3]!;
    acknowledged.occurredAt = new Date(Date.parse(events[0]!.occurredAt) + 30 * 86_400_000).toISOString();
    const res = await ingest(key, { events });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 4, rejected: 0 });
    expect(await stateOf("TX-SHP-MONTH")).toMatchObject({ status: "succeeded", latency_ms: 30 * 86_400_000 });
  });

  it("accepts a batch, derives the transaction, and stores payloads apart from the rows", async () => {
    const res = await ingest(key, { events: shipmentEvents("SHP-1001") });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 4, duplicates: 0, rejected: 0 });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      "accepted",
      "accepted",
      "accepted",
      "accepted",
    ]);
    expect(await stateOf("TX-SHP-1001")).toEqual({
      status: "succeeded",
      current_layer: "target_api",
      failed_layer: null,
      attempts: 1,
      latency_ms: 4000,
      event_count: 4,
      error_code: null,
      amount: "1200.5000",
    });
    const payloads = await db.pool.query(
      `SELECT p.payload FROM event_payloads p JOIN events e ON e.id = p.event_id WHERE e.event_id = 'SHP-1001-1'`,
    );
    expect(payloads.rows[0].payload).toEqual({ shipment: "SHP-1001", lines: [{ sku: "SKU-1", qty: 12 }] });
  });

  it("accepts a single event object as well as a batch", async () => {
    const [first] = shipmentEvents("SHP-1002");
    const res = await ingest(key, first);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ index: 0, id: "SHP-1002-1", status: "accepted" }]);
    expect((await stateOf("TX-SHP-1002")).status).toBe("in_flight");
  });

  it("is idempotent: the same batch again changes nothing and reports duplicates", async () => {
    const events = shipmentEvents("SHP-1003", { fail: true });
    await ingest(key, { events });
    const before = await db.pool.query(`SELECT * FROM transactions WHERE external_id = 'TX-SHP-1003'`);
    const again = await ingest(key, { events });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 4, rejected: 0 });
    const after = await db.pool.query(`SELECT * FROM transactions WHERE external_id = 'TX-SHP-1003'`);
    expect(after.rows).toEqual(before.rows);
    const count = await db.pool.query(
      `SELECT count(*)::int AS n FROM events e JOIN transactions t ON t.id = e.transaction_id WHERE t.external_id = 'TX-SHP-1003'`,
    );
    expect(count.rows[0].n).toBe(4);
  });

  it("reports a duplicate inside one request as a duplicate", async () => {
    const [a] = shipmentEvents("SHP-1004");
    const res = await ingest(key, { events: [a, a] });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "duplicate"]);
  });

  it("gives the same final state whatever the arrival order and duplication, across requests", async () => {
    const events = shipmentEvents("SHP-1005", { fail: true });
    const failure = events[3]!;
    const success = {
      ...failure,
      id: "SHP-1005-5",
      stage: "acknowledged",
      occurredAt: new Date(Date.parse(failure.occurredAt) + 60_000).toISOString(),
      attempt: 2,
      error: undefined,
    };
    const all = [...events, success];
    // Newest first, one per request, with repeats: the old failure arrives after the success.
    for (const e of [...all].reverse()) await ingest(key, e);
    await ingest(key, { events: [all[3], all[0]] });
    expect(await stateOf("TX-SHP-1005")).toMatchObject({
      status: "succeeded",
      attempts: 2,
      event_count: 5,
      failed_layer: "target_api",
      error_code: "CUSTOMER_MASTER_INVALID",
    });
  });

  it("keeps the good items of a partially bad batch and names the bad fields", async () => {
    const [good1, good2] = shipmentEvents("SHP-1006");
    const bad = {
      ...good2,
      id: "SHP-1006-bad",
      stage: "teleported",
      occurredAt: "yesterday",
      value: { amount: 10, currency: "dollars" },
    };
    const res = await ingest(key, { events: [good1, bad, good2] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 1 });
    const rejected = res.body.results[1];
    expect(rejected).toMatchObject({ index: 1, id: "SHP-1006-bad", status: "rejected" });
    const paths = rejected.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["events[1].occurredAt", "events[1].stage", "events[1].value.currency"]);
    expect((await stateOf("TX-SHP-1006")).event_count).toBe(2);
  });

  it("refuses a NUL character in a text field by its path, keeping the rest of the batch", async () => {
    const [good] = shipmentEvents("SHP-1016");
    const nul = {
      ...good!,
      id: "SHP-1016-nul",
      transactionId: "TX-SHP-1016-NUL",
      businessKey: "SHP\u00001016",
      refs: { returnId: "R\u00001" },
      error: { message: "bad\u0000" },
    };
    const res = await ingest(key, { events: [good, nul] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, rejected: 1 });
    const paths = res.body.results[1].errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["events[1].businessKey", "events[1].error.message", "events[1].refs.returnId"]);
  });

  it("answers 400 when every item is rejected, naming each", async () => {
    const res = await ingest(key, { events: [{ id: "x" }] });
    expect(res.status).toBe(400);
    expect(res.body.results[0].errors.map((e: { path: string }) => e.path)).toContain("events[0].transactionId");
  });

  it("auto-registers an unknown workflow and flags it as unregistered", async () => {
    const [e] = shipmentEvents("SHP-1007");
    const res = await ingest(key, { ...e, workflow: "Pallet_Label_Print" });
    expect(res.status).toBe(200);
    const wf = await db.pool.query(`SELECT registered FROM workflows WHERE name = 'pallet_label_print'`);
    expect(wf.rows).toEqual([{ registered: false }]);
    const found = await findTransactions(key, { transactionId: "TX-SHP-1007" });
    expect(found.body.transactions[0]).toMatchObject({ workflow: "pallet_label_print", workflowRegistered: false });
  });

  it("keeps a transaction true to its stored events when a sender reuses an event id for another transaction", async () => {
    const [first] = shipmentEvents("SHP-REUSE-A");
    await ingest(key, first);
    const res = await ingest(key, {
      ...first,
      transactionId: "TX-SHP-REUSE-B",
      stage: "acknowledged",
      layer: "target_api",
    });
    expect(res.body.results[0].status).toBe("duplicate");
    expect(await stateOf("TX-SHP-REUSE-B")).toBeUndefined();
    expect(await stateOf("TX-SHP-REUSE-A")).toMatchObject({ status: "in_flight", event_count: 1 });
  });

  it("scopes idempotency keys per sender system", async () => {
    const otherKey = await newApiKey(db.pool, "middleware-other");
    const events = shipmentEvents("SHP-1008");
    expect((await ingest(key, { events })).body.accepted).toBe(4);
    expect((await ingest(otherKey, { events })).body.accepted).toBe(4);
    const res = await findTransactions(key, { businessKey: "SHP-1008" });
    expect(res.body.transactions.map((t: { sender: string }) => t.sender).sort()).toEqual([
      "middleware-other",
      "middleware-test",
    ]);
  });
});

describe("ingest errors", () => {
  it("400 for malformed JSON, naming the position", async () => {
    const res = await ingest(key, null, { raw: '{\n  "id": "a",\n  "stage": received\n}' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/line 3, column 12/);
  });

  it("400 for a body that is not an event or a batch", async () => {
    expect((await ingest(key, [1, 2])).status).toBe(400);
    expect((await ingest(key, { events: "nope" })).body.error.message).toMatch(/"events" must be an array/);
    expect((await ingest(key, { events: [] })).status).toBe(400);
  });

  it("415 for a wrong content type", async () => {
    const res = await ingest(key, shipmentEvents("SHP-1100")[0], { contentType: "text/plain" });
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/application\/json/);
  });

  it("401 without a key, with an unknown key, and with a revoked key; 403 without the scope", async () => {
    const e = shipmentEvents("SHP-1101")[0];
    expect((await ingest(null, e)).status).toBe(401);
    expect((await ingest("cdk_nope_nope", e)).status).toBe(401);
    const readOnly = await newApiKey(db.pool, "reporting", ["read"]);
    expect((await ingest(readOnly, e)).status).toBe(403);
    const revoked = await newApiKey(db.pool, "middleware-test");
    expect((await ingest(revoked, e)).status).toBe(200);
    await db.pool.query(`UPDATE api_keys SET revoked_at = now() WHERE hash = encode(sha256($1::bytea), 'hex')`, [
      revoked,
    ]);
    const res = await ingest(revoked, e);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/revoked/);
  });

  it("413 for a body over 5 MB, a batch over 1,000 events, or a payload over the per-event limit", async () => {
    const big = "x".repeat(5 * 1024 * 1024 + 1);
    const tooLarge = await ingest(key, null, { raw: `{"events": [], "pad": "${big}"}` });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.limitBytes).toBe(5 * 1024 * 1024);

    const [e] = shipmentEvents("SHP-1102");
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...e, id: `many-${i}` }));
    const tooMany = await ingest(key, { events: many });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.message).toMatch(/limit is 1000/);

    const heavy = { ...e, id: "heavy", payload: { blob: "y".repeat(300 * 1024) } };
    const res = await ingest(key, { events: [heavy] });
    expect(res.status).toBe(413);
    expect(res.body.results[0].errors[0]).toMatchObject({ path: "events[0].payload", code: "payload_too_large" });
    const mixed = await ingest(key, { events: [heavy, e] });
    expect(mixed.status).toBe(200);
    expect(mixed.body).toMatchObject({ accepted: 1, rejected: 1 });
  });

  it("503 with Retry-After when the database is unavailable", async () => {
    const realUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/nowhere";
    try {
      const res = await ingest(key, shipmentEvents("SHP-1103")[0]);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      process.env.DATABASE_URL = realUrl;
    }
  });
});

describe("read API", () => {
  it("finds a transaction by business key or load reference and returns its events in time order", async () => {
    await ingest(key, { events: shipmentEvents("SHP-1200", { loadId: "L-77", fail: true }).reverse() });
    const byKey = await findTransactions(key, { businessKey: "SHP-1200" });
    expect(byKey.status).toBe(200);
    expect(byKey.body.transactions).toHaveLength(1);
    const t = byKey.body.transactions[0];
    expect(t).toMatchObject({
      transactionId: "TX-SHP-1200",
      status: "failed",
      failedLayer: "target_api",
      site: "east",
      refs: { loadId: "L-77" },
    });
    expect(t.error.code).toBe("CUSTOMER_MASTER_INVALID");

    const byLoad = await findTransactions(key, { "ref.loadId": "L-77" });
    expect(byLoad.body.transactions.map((x: { id: string }) => x.id)).toEqual([t.id]);

    const events = await transactionEvents(key, "TX-SHP-1200");
    expect(events.status).toBe(200);
    expect(events.body.events.map((e: { stage: string }) => e.stage)).toEqual([
      "received",
      "transformed",
      "published",
      "failed",
    ]);
    expect(events.body.events[0].hasPayload).toBe(true);
    expect((await transactionEvents(key, t.id)).body.transaction.id).toBe(t.id);
  });

  it("404 for an unknown transaction, 400 for a bad filter, 403 for an ingest-only key", async () => {
    expect((await transactionEvents(key, "TX-NOPE")).status).toBe(404);
    expect((await findTransactions(key, { status: "exploded" })).status).toBe(400);
    expect((await findTransactions(key, { cursor: "garbage" })).status).toBe(400);
    const ingestOnly = await newApiKey(db.pool, "wms-east", ["ingest"]);
    expect((await findTransactions(ingestOnly, { businessKey: "SHP-1200" })).status).toBe(403);
  });

  it("pages newest first with a cursor and no overlaps", async () => {
    for (let i = 0; i < 5; i++) await ingest(key, { events: shipmentEvents(`SHP-13${i}`, { site: "south" }) });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await findTransactions(key, { site: "south", limit: "2", ...(cursor ? { cursor } : {}) });
      seen.push(...res.body.transactions.map((t: { transactionId: string }) => t.transactionId));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["TX-SHP-134", "TX-SHP-133", "TX-SHP-132", "TX-SHP-131", "TX-SHP-130"]);
  });
});
