import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { ALL_SITES } from "@/lib/auth/site-scope";
import { verifyRollups } from "@/lib/jobs/rollups/rebuild-rollups";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { claimTransactions } from "@/lib/services/replay/claim-transactions";
import { closeTransaction, closeTransactionSchema } from "@/lib/services/replay/close-transaction";
import { appendReplayEvents, type ReplayEvent } from "@/lib/services/replay/replay-events";
import { ingest, newApiKey } from "../helpers/api";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The rollups are maintained from each change (old contribution retracted, new one added)
// and folded later. Whatever the interleaving of out-of-order events, duplicates, late
// earlier events that move a transaction to another hour, replays (refused, accepted, or
// refused and then accepted), resolves, cancels and folds racing with ingest, the folded
// rollups must equal a recount from the raw tables.

let db: TestDatabase;
let key: string;
const engineer: Actor = {
  userId: 1,
  email: "engineer@example.test",
  name: null,
  role: "engineer",
  scope: ALL_SITES,
  permissions: ROLE_PERMISSIONS.engineer,
};
// every hour the generated events can fall in
const HOURS = { from: new Date("2026-11-03T06:00:00Z"), to: new Date("2026-11-03T12:00:00Z") };

beforeAll(async () => {
  db = await createTestDatabase();
  key = await newApiKey(db.pool);
});
afterAll(async () => db?.drop());

type Event = Record<string, unknown> & { id: string; transactionId: string };

const WORKFLOWS = ["shipment_confirmation", "invoice_posting", "order_release"] as const;
const SITES = ["east", "central", null] as const;
const ERRORS = [
  { code: "CUSTOMER_MASTER_INVALID", message: "Customer C-1 failed validation", retryable: false },
  { code: "PERIOD_CLOSED", message: "Posting period 11 is closed", retryable: false },
  { message: "Timeout after 30 s", retryable: true },
];

const transactionArb = fc.record({
  workflow: fc.constantFrom(...WORKFLOWS),
  site: fc.constantFrom(...SITES),
  lateSite: fc.constantFrom(...SITES), // a later event may carry another site
  hour: fc.integer({ min: 7, max: 10 }),
  second: fc.integer({ min: 3590, max: 3599 }), // near the end of the hour, so stragglers cross it
  ref: fc.integer({ min: 0, max: 2 }),
  byLoad: fc.boolean(), // an invoice that names only the load
  currency: fc.constantFrom("USD", "EUR", null),
  amount: fc.integer({ min: 1, max: 900 }),
  outcome: fc.constantFrom("acknowledged", "failed", "dead_lettered", "retry", "in_flight", "delivered"),
  error: fc.integer({ min: 0, max: ERRORS.length - 1 }),
  secondAttempt: fc.constantFrom("none", "acknowledged", "failed"),
  straggler: fc.integer({ min: 0, max: 30 }), // minutes earlier; 0 = none
});

const opArb = fc.oneof(
  fc.record({
    kind: fc.constant("send" as const),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
    parallel: fc.integer({ min: 1, max: 3 }),
    foldDuring: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("fold" as const) }),
  fc.record({
    kind: fc.constant("replay" as const),
    tx: fc.nat(),
    // what the replay endpoint answered: nothing yet, a refusal (retried later), an
    // acceptance, or a refusal and then the acceptance (the refusal becomes history)
    delivery: fc.constantFrom("queued", "refused", "accepted", "refused_then_accepted"),
  }),
  fc.record({ kind: fc.constantFrom("resolved" as const, "cancelled" as const), tx: fc.nat() }),
);

// The steps the replay worker records for those answers (lib/jobs/replay/record-outcomes.ts).
function deliverySteps(transactionId: string, replayId: string, delivery: string): ReplayEvent[] {
  const refused: ReplayEvent = {
    transactionId,
    eventId: `crossdock:${replayId}:retry_scheduled:1`,
    stage: "retry_scheduled",
    layer: "middleware",
    errorCode: "REPLAY_TARGET_UNAVAILABLE",
    errorMessage: "HTTP 503: busy, try later",
    retryable: true,
    note: {},
  };
  const accepted: ReplayEvent = {
    transactionId,
    eventId: `crossdock:${replayId}:delivered:2`,
    stage: "delivered",
    layer: "middleware",
    note: {},
  };
  return delivery === "refused"
    ? [refused]
    : delivery === "accepted"
      ? [accepted]
      : delivery === "refused_then_accepted"
        ? [refused, accepted]
        : [];
}

function flowOf(run: number, k: number, t: typeof transactionArb extends fc.Arbitrary<infer T> ? T : never): Event[] {
  const transactionId = `R${run}-T${k}`;
  const start = Date.parse(`2026-11-03T${String(t.hour).padStart(2, "0")}:00:00Z`) + t.second * 1000;
  const at = (s: number) => new Date(start + s * 1000).toISOString();
  const shipment = `SHP-${run}-${t.ref}`;
  const load = `L-${run}-${t.ref % 2}`;
  const refs =
    t.workflow === "invoice_posting"
      ? t.byLoad
        ? { loadId: load, invoiceId: `INV-${transactionId}` }
        : { shipmentId: shipment, loadId: load }
      : t.workflow === "shipment_confirmation"
        ? { shipmentId: shipment, loadId: load }
        : { orderId: `SO-${transactionId}` };
  const common = {
    transactionId,
    workflow: t.workflow,
    source: "wms-east",
    target: "erp-cloud",
    businessKey: transactionId,
    refs,
    ...(t.site ? { site: t.site } : {}),
  };
  const value = t.currency ? { value: { amount: t.amount, currency: t.currency } } : {};
  const error = ERRORS[t.error]!;
  const events: Event[] = [
    { ...common, ...value, id: `${transactionId}-1`, stage: "received", layer: "source_api", occurredAt: at(0) },
    {
      ...common,
      id: `${transactionId}-2`,
      stage: "published",
      layer: "broker",
      occurredAt: at(3),
      ...(t.lateSite ? { site: t.lateSite } : {}),
    },
  ];
  const outcome: Record<string, Event> = {
    acknowledged: {
      ...common,
      id: `${transactionId}-3`,
      stage: "acknowledged",
      layer: "target_api",
      occurredAt: at(9),
    },
    delivered: { ...common, id: `${transactionId}-3`, stage: "delivered", layer: "target_api", occurredAt: at(9) },
    failed: {
      ...common,
      id: `${transactionId}-3`,
      stage: "failed",
      layer: "target_api",
      occurredAt: at(9),
      error: { ...error, retryable: false },
    },
    dead_lettered: {
      ...common,
      id: `${transactionId}-3`,
      stage: "dead_lettered",
      layer: "broker",
      occurredAt: at(9),
      error,
    },
    retry: {
      ...common,
      id: `${transactionId}-3`,
      stage: "failed",
      layer: "middleware",
      occurredAt: at(9),
      error: { ...error, retryable: true },
    },
  };
  if (outcome[t.outcome]) events.push(outcome[t.outcome]!);
  if (t.secondAttempt === "acknowledged")
    events.push({
      ...common,
      id: `${transactionId}-4`,
      stage: "acknowledged",
      layer: "target_api",
      occurredAt: at(120),
      attempt: 2,
    });
  if (t.secondAttempt === "failed")
    events.push({
      ...common,
      id: `${transactionId}-4`,
      stage: "failed",
      layer: "target_api",
      occurredAt: at(120),
      attempt: 2,
      error: ERRORS[(t.error + 1) % ERRORS.length],
    });
  if (t.straggler > 0)
    events.push({
      ...common,
      id: `${transactionId}-0`,
      stage: "transformed",
      layer: "middleware",
      occurredAt: at(-t.straggler * 60),
    });
  return events;
}

async function transactionIdOf(external: string): Promise<string | null> {
  const { rows } = await db.pool.query<{ id: string }>(`SELECT id FROM transactions WHERE external_id = $1`, [
    external,
  ]);
  return rows[0]?.id ?? null;
}

describe("incrementally maintained rollups", () => {
  it("equal a full recount after any interleaving of ingest, replays, resolves, cancels and folds", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(transactionArb, { minLength: 2, maxLength: 7 }),
        fc.array(opArb, { minLength: 1, maxLength: 10 }),
        async (txs, ops) => {
          run++;
          const events = txs.flatMap((t, k) => flowOf(run, k, t));
          const folds: Promise<unknown>[] = [];
          for (const op of ops) {
            if (op.kind === "send") {
              // picks may repeat: duplicates within and across requests
              const chosen = op.picks.map((p) => events[p % events.length]!);
              const parts = Array.from({ length: op.parallel }, (_, i) =>
                chosen.filter((_, k) => k % op.parallel === i),
              ).filter((p) => p.length > 0);
              if (op.foldDuring) folds.push(refreshRollups(db.pool));
              const results = await Promise.all(parts.map((part) => ingest(key, { events: part })));
              for (const r of results) expect(r.status).toBe(200);
            } else if (op.kind === "fold") {
              folds.push(refreshRollups(db.pool));
            } else {
              const id = await transactionIdOf(`R${run}-T${op.tx % txs.length}`);
              if (!id) continue;
              if (op.kind === "replay") {
                const replayId = randomUUID();
                const claimed = await inTransaction(db.pool, (client) =>
                  claimTransactions(db.pool, client, [{ replayId, transactionId: id }], {
                    force: false,
                    requestedBy: engineer.email,
                    reason: null,
                    edited: false,
                  }),
                );
                // One statement per answer, as the worker records each attempt on its own.
                if (claimed.has(id))
                  for (const step of deliverySteps(id, replayId, op.delivery))
                    await inTransaction(db.pool, (client) => appendReplayEvents(db.pool, client, [step]));
              } else {
                // Refused (409) when the transaction is not open: that is fine here.
                await closeTransaction(
                  db.pool,
                  engineer,
                  op.kind,
                  closeTransactionSchema.parse({ transactionId: id, reason: "test" }),
                ).catch(() => undefined);
              }
            }
          }
          await Promise.all(folds);
          await refreshRollups(db.pool);
          expect(await verifyRollups(db.pool, HOURS)).toEqual([]);
        },
      ),
      { numRuns: Number(process.env.ROLLUP_RUNS ?? 25) },
    );
  }, 300_000);

  it("verify reports a rollup that drifted, and rebuild repairs it", async () => {
    const { rebuildRollups } = await import("@/lib/jobs/rollups/rebuild-rollups");
    await refreshRollups(db.pool);
    const { rows } = await db.pool.query<{ bucket: Date }>(
      `UPDATE rollup_hourly SET started = started + 1 WHERE bucket = (SELECT min(bucket) FROM rollup_hourly) RETURNING bucket`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const differences = await verifyRollups(db.pool, HOURS);
    expect(differences.map((d) => d.table)).toEqual(rows.map(() => "rollup_hourly"));
    await rebuildRollups(db.pool, { from: rows[0]!.bucket, to: new Date(rows[0]!.bucket.getTime() + 3_600_000) });
    expect(await verifyRollups(db.pool, HOURS)).toEqual([]);
  });
});
