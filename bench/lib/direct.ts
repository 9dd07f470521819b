// The "floor": the same batches inserted straight into PostgreSQL with node-postgres,
// without the app. Per batch, in one database transaction: one multi-row INSERT into
// transactions, one into events (RETURNING the new ids), one into event_payloads.
// No re-derivation of transaction state: a transaction row is written by the first
// batch that sees it (ON CONFLICT DO NOTHING) from that batch's events.
import pg from "pg";
import { deriveTransaction } from "@/lib/domain/derive-transaction";
import { transactionUuid } from "@/lib/domain/transaction-key";
import { inTransactionOn } from "@/lib/postgres/in-transaction";
import { multiRowValues } from "@/lib/postgres/multi-row";
import { type GenEvent, toDerivable } from "./workload";

export interface DirectCatalogue {
  senderSystemId: number;
  workflowIds: Map<string, number>;
  siteIds: Map<string, number>;
}

// Sender system, workflows and sites the rows refer to (not timed; the app caches these too).
export async function prepareDirect(url: string, workflows: string[], sites: string[]): Promise<DirectCatalogue> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const sys = await client.query<{ id: number }>(
      `INSERT INTO systems (name, kind) VALUES ('bench-direct', 'middleware')
       ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    );
    await client.query(
      `INSERT INTO workflows (name, registered) SELECT unnest($1::text[]), false ON CONFLICT (name) DO NOTHING`,
      [workflows],
    );
    await client.query(
      `INSERT INTO sites (code, name, registered) SELECT c, c, false FROM unnest($1::text[]) AS c ON CONFLICT (code) DO NOTHING`,
      [sites],
    );
    const w = await client.query<{ id: number; name: string }>(`SELECT id, name FROM workflows`);
    const s = await client.query<{ id: number; code: string }>(`SELECT id, code FROM sites`);
    return {
      senderSystemId: sys.rows[0]!.id,
      workflowIds: new Map(w.rows.map((r) => [r.name, r.id])),
      siteIds: new Map(s.rows.map((r) => [r.code, r.id])),
    };
  } finally {
    await client.end();
  }
}

export const TX_COLUMNS = [
  "id",
  "sender_system_id",
  "external_id",
  "workflow_id",
  "site_id",
  "source_system",
  "target_system",
  "business_key",
  "order_id",
  "shipment_id",
  "load_id",
  "sku",
  "customer_id",
  "value_amount",
  "value_currency",
  "quantity",
  "status",
  "current_layer",
  "failed_layer",
  "error_code",
  "error_message",
  "error_signature",
  "ever_failed",
  "attempts",
  "event_count",
  "first_event_at",
  "last_event_at",
  "completed_at",
  "latency_ms",
  "trace_id",
];

export const EVENT_COLUMNS = [
  "sender_system_id",
  "event_id",
  "transaction_id",
  "workflow",
  "stage",
  "layer",
  "occurred_at",
  "duration_ms",
  "source_system",
  "target_system",
  "site",
  "business_key",
  "refs",
  "value_amount",
  "value_currency",
  "quantity",
  "error_code",
  "error_message",
  "error_retryable",
  "attempt",
  "trace_id",
  "span_id",
  "parent_span_id",
];

export interface BatchResult {
  inserted: number;
  duplicates: number;
  deadlockRetries: number;
}

/** Milliseconds spent per step, summed over all connections (statement time includes lock waits). */
export interface DirectTimings {
  buildRows: number;
  transactions: number;
  events: number;
  payloads: number;
  commit: number;
}

export function emptyTimings(): DirectTimings {
  return { buildRows: 0, transactions: 0, events: 0, payloads: 0, commit: 0 };
}

// Transaction rows: one per transaction of the batch, derived from the batch's events,
// in id order (like the app) so concurrent batches cannot deadlock on them.
export function buildTxRows(cat: DirectCatalogue, batch: GenEvent[]): unknown[][] {
  const eventsByTx = new Map<string, GenEvent[]>();
  for (const e of batch) {
    const id = transactionUuid(cat.senderSystemId, e.wire.transactionId);
    let list = eventsByTx.get(id);
    if (!list) eventsByTx.set(id, (list = []));
    list.push(e);
  }
  const txRows: unknown[][] = [];
  for (const id of [...eventsByTx.keys()].sort()) {
    const events = eventsByTx.get(id)!;
    const w = events[0]!.wire;
    const s = deriveTransaction(events.map((e) => toDerivable(e.wire)));
    txRows.push([
      id,
      cat.senderSystemId,
      w.transactionId,
      cat.workflowIds.get(s.workflow),
      s.site ? cat.siteIds.get(s.site) : null,
      s.sourceSystem,
      s.targetSystem,
      s.businessKey,
      s.refs.orderId,
      s.refs.shipmentId,
      s.refs.loadId,
      s.refs.sku,
      s.refs.customerId,
      s.valueAmount,
      s.valueCurrency,
      s.quantity,
      s.status,
      s.currentLayer,
      s.failedLayer,
      s.errorCode,
      s.errorMessage,
      s.errorSignature,
      s.everFailed,
      s.attempts,
      s.eventCount,
      s.firstEventAt,
      s.lastEventAt,
      s.completedAt,
      s.latencyMs,
      s.traceId,
    ]);
  }

  return txRows;
}

// Event rows, duplicates included, sorted by event id: two batches holding copies of
// the same events then wait for each other instead of deadlocking.
export function buildEventRows(cat: DirectCatalogue, batch: GenEvent[]): unknown[][] {
  const sorted = [...batch].sort((a, b) => (a.wire.id < b.wire.id ? -1 : a.wire.id > b.wire.id ? 1 : 0));
  const eventRows = sorted.map(({ wire: e }) => [
    cat.senderSystemId,
    e.id,
    transactionUuid(cat.senderSystemId, e.transactionId),
    e.workflow,
    e.stage,
    e.layer,
    e.occurredAt,
    e.durationMs,
    e.source,
    e.target,
    e.site,
    e.businessKey,
    JSON.stringify(e.refs),
    e.value.amount,
    e.value.currency,
    e.quantity,
    e.error?.code ?? null,
    e.error?.message ?? null,
    e.error?.retryable ?? null,
    e.attempt,
    e.traceId,
    e.spanId,
    e.parentSpanId ?? null,
  ]);
  return eventRows;
}

export async function insertBatchDirect(
  client: pg.ClientBase,
  cat: DirectCatalogue,
  batch: GenEvent[],
  timings: DirectTimings = emptyTimings(),
): Promise<BatchResult> {
  let t = performance.now();
  const lap = (key: keyof DirectTimings): void => {
    const now = performance.now();
    timings[key] += now - t;
    t = now;
  };
  const txRows = buildTxRows(cat, batch);
  const eventRows = buildEventRows(cat, batch);
  const payloadOf = new Map(batch.map((e) => [e.wire.id, e.payloadJson]));

  const tv = multiRowValues(txRows);
  const ev = multiRowValues(eventRows);
  lap("buildRows");
  for (let attempt = 0; ; attempt++) {
    try {
      const inserted = await inTransactionOn(client, async () => {
        lap("commit"); // BEGIN's round trip counts with COMMIT's
        // No conflict target, so every unique index arbitrates: with a second unique index on
        // (sender_system_id, external_id), as in the init migration at commit d006323,
        // ON CONFLICT (id) lets concurrent inserts of one new transaction fail with
        // 23505/40P01 instead of skipping it.
        await client.query(
          `INSERT INTO transactions (${TX_COLUMNS.join(", ")}) VALUES ${tv.text} ON CONFLICT DO NOTHING`,
          tv.params,
        );
        lap("transactions");
        const { rows } = await client.query<{ id: string; event_id: string }>(
          `INSERT INTO events (${EVENT_COLUMNS.join(", ")}) VALUES ${ev.text}
           ON CONFLICT (sender_system_id, event_id, storage_day) DO NOTHING RETURNING id, event_id`,
          ev.params,
        );
        lap("events");
        if (rows.length > 0) {
          const pv = multiRowValues(
            rows.map((r) => [r.id, payloadOf.get(r.event_id)]),
            ["bigint", "jsonb"],
          );
          await client.query(
            `INSERT INTO event_payloads (event_id, payload) VALUES ${pv.text} ON CONFLICT DO NOTHING`,
            pv.params,
          );
        }
        lap("payloads");
        return rows.length;
      });
      lap("commit");
      return { inserted, duplicates: batch.length - inserted, deadlockRetries: attempt };
    } catch (error) {
      if ((error as { code?: string }).code === "40P01" && attempt < 5) continue; // deadlock: retry
      throw error;
    }
  }
}

// The lock-free floor's batches: the same events (re-sent copies included), regrouped so
// that each transaction's events all sit in one batch, whole transactions per batch. No two
// batches then share a transaction row or an event id, so concurrent batches never wait
// for each other's row locks; each transaction row is derived from all of its events.
export function lockFreeBatches(stream: GenEvent[], batchSize: number): GenEvent[][] {
  const byTx = new Map<string, GenEvent[]>();
  for (const e of stream) {
    let list = byTx.get(e.wire.transactionId);
    if (!list) byTx.set(e.wire.transactionId, (list = []));
    list.push(e);
  }
  const batches: GenEvent[][] = [];
  let current: GenEvent[] = [];
  for (const events of byTx.values()) {
    if (current.length > 0 && current.length + events.length > batchSize) {
      batches.push(current);
      current = [];
    }
    current.push(...events);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export async function openDirectClients(url: string, clients: number): Promise<pg.Client[]> {
  return Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url });
      c.on("error", () => undefined); // a server going away surfaces as the query's rejection
      await c.connect();
      return c;
    }),
  );
}

/** Sends `batches` over the connections, each taking the next unsent batch. */
export async function runDirect(
  conns: pg.ClientBase[],
  cat: DirectCatalogue,
  batches: GenEvent[][],
): Promise<BatchResult & { seconds: number; latenciesMs: number[]; timings: DirectTimings }> {
  const timings = emptyTimings();
  const total: BatchResult = { inserted: 0, duplicates: 0, deadlockRetries: 0 };
  const latenciesMs: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    conns.map(async (c) => {
      for (let i = next++; i < batches.length; i = next++) {
        const t0 = performance.now();
        const r = await insertBatchDirect(c, cat, batches[i]!, timings);
        latenciesMs.push(performance.now() - t0);
        total.inserted += r.inserted;
        total.duplicates += r.duplicates;
        total.deadlockRetries += r.deadlockRetries;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { ...total, seconds, latenciesMs, timings };
}
