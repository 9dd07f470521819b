import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { deriveTransaction } from "@/lib/domain/derive-transaction";
import { parseNativeBody } from "@/lib/ingest/parse-native";
import { ingest, newApiKey } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { useTestDatabase } from "../helpers/test-database";

const db = useTestDatabase();
let key: string;
beforeAll(async () => {
  key = await newApiKey(db.pool);
});

const limits = { maxEvents: 1000, maxPayloadBytes: 256 * 1024 };

async function storedState(transactionId: string) {
  const { rows } = await db.pool.query(
    `SELECT status, current_layer, failed_layer, error_code, attempts, event_count, latency_ms::float8 AS latency_ms, ever_failed, value_amount::text AS amount
     FROM transactions WHERE external_id = $1`,
    [transactionId],
  );
  return rows[0];
}

describe("ingest under concurrency and reordering", () => {
  it("any split of a transaction's events over parallel requests, with repeats, gives the state derived from the set", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        async (fail, parts, seed) => {
          const events = shipmentEvents(`SHP-P${run++}`, { fail });
          const retried = [
            ...events,
            {
              ...events[3]!,
              id: `${events[3]!.id}-retry`,
              stage: "acknowledged",
              attempt: 2,
              error: undefined,
              occurredAt: new Date(Date.parse(events[3]!.occurredAt) + 5000).toISOString(),
            },
          ];
          const shuffled = [...retried, ...retried.slice(0, 2)].sort((a, b) => hash(a.id, seed) - hash(b.id, seed));
          const chunks = Array.from({ length: parts }, (_, i) => shuffled.filter((_, k) => k % parts === i));
          const results = await Promise.all(chunks.map((chunk) => ingest(key, { events: chunk })));
          for (const r of results) expect(r.status).toBe(200);

          const expected = deriveTransaction(parseNativeBody({ events: retried }, limits).items.map((i) => i.event));
          expect(await storedState(retried[0]!.transactionId)).toEqual({
            status: expected.status,
            current_layer: expected.currentLayer,
            failed_layer: expected.failedLayer,
            error_code: expected.errorCode,
            attempts: expected.attempts,
            event_count: retried.length,
            latency_ms: expected.latencyMs,
            ever_failed: expected.everFailed,
            amount: "1200.5000",
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it("parallel batches that create the same new transactions wait for each other instead of failing", async () => {
    for (let round = 0; round < 60; round++) {
      const flows = Array.from({ length: 40 }, (_, i) => shipmentEvents(`SHP-R${round}-${i}`));
      // Each request carries one event of every transaction, so all of them race to create all 40.
      const requests = [0, 1, 2, 3].map((step) => ingest(key, { events: flows.map((events) => events[step]!) }));
      const results = await Promise.all(requests);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const { rows } = await db.pool.query(
        `SELECT count(*)::int AS n, sum(event_count)::int AS events, count(*) FILTER (WHERE status = 'succeeded')::int AS ok
         FROM transactions WHERE external_id LIKE $1`,
        [`TX-SHP-R${round}-%`],
      );
      expect(rows[0]).toEqual({ n: 40, events: 160, ok: 40 });
    }
  });

  it("commits the accepted items of a request together: a database error stores none of them", async () => {
    await db.pool.query(`
      CREATE FUNCTION fail_on_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.event_id LIKE '%-boom' THEN RAISE EXCEPTION 'simulated failure'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fail_on_boom BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION fail_on_boom();`);
    try {
      const events = shipmentEvents("SHP-ATOMIC");
      const res = await ingest(key, { events: [...events, { ...events[0]!, id: "SHP-ATOMIC-boom" }] });
      expect(res.status).toBe(500);
      expect(res.body.error.message).toMatch(/nothing was stored/);
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE event_id LIKE 'SHP-ATOMIC%'`);
      expect(rows[0].n).toBe(0);
      const tx = await db.pool.query(`SELECT count(*)::int AS n FROM transactions WHERE external_id = 'TX-SHP-ATOMIC'`);
      expect(tx.rows[0].n).toBe(0);
    } finally {
      await db.pool.query(`DROP TRIGGER fail_on_boom ON events; DROP FUNCTION fail_on_boom();`);
    }
    // The same events succeed once the cause is gone.
    const again = await ingest(key, { events: shipmentEvents("SHP-ATOMIC2") });
    expect(again.body.accepted).toBe(4);
  });
});

function hash(s: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 2654435761);
  return h >>> 0;
}
