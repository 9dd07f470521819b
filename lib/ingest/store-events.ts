import type { Pool, PoolClient } from "pg";
import { type DerivableEvent, deriveTransaction, type TransactionState } from "@/lib/domain/derive-transaction";
import { BACKFILL_DAYS } from "@/lib/domain/storage-day";
import { transactionUuid } from "@/lib/domain/transaction-key";
import type { Layer, Stage } from "@/lib/domain/vocabulary";
import { inTransactionOn } from "@/lib/postgres/in-transaction";
import { multiRowValues } from "@/lib/postgres/multi-row";
import type { ParsedItem } from "./canonical-event";
import { resolveSiteIds, resolveWorkflowIds } from "./catalogue";

export type StoreOutcome = "accepted" | "duplicate";

// Stores a batch of validated events for one sender system and re-derives every
// transaction they touch. All accepted events of the batch commit together or not at
// all. One multi-row statement per table; no per-event round trips.
export async function storeEvents(
  pool: Pool,
  senderSystemId: number,
  items: ParsedItem[],
): Promise<Map<number, StoreOutcome>> {
  const outcomes = new Map<number, StoreOutcome>();
  const candidates = firstOccurrences(items, outcomes);
  if (candidates.length === 0) return outcomes;

  const client = await pool.connect();
  try {
    const workflowIds = await resolveWorkflowIds(
      pool,
      client,
      candidates.map((i) => i.event.workflow),
    );
    const siteIds = await resolveSiteIds(
      pool,
      client,
      candidates.flatMap((i) => (i.event.site ? [i.event.site] : [])),
    );
    const txIds = transactionIds(senderSystemId, candidates);
    const batch = { senderSystemId, candidates, txIds, workflowIds, siteIds };
    const inserted = await withDeadlockRetry(() => storeBatch(pool, client, batch));
    candidates.forEach((item, k) => {
      outcomes.set(item.index, inserted.has(k) ? "accepted" : "duplicate");
    });
  } finally {
    client.release();
  }
  return outcomes;
}

// A transaction's events usually arrive together: hash each external id once.
function transactionIds(senderSystemId: number, items: ParsedItem[]): string[] {
  const known = new Map<string, string>();
  return items.map(({ event: { transactionExternalId: external } }) => {
    let id = known.get(external);
    if (id === undefined) known.set(external, (id = transactionUuid(senderSystemId, external)));
    return id;
  });
}

interface Batch {
  senderSystemId: number;
  candidates: ParsedItem[];
  txIds: string[]; // per candidate
  workflowIds: Map<string, number>;
  siteIds: Map<string, number>;
}

async function storeBatch(pool: Pool, client: PoolClient, batch: Batch): Promise<Map<number, string>> {
  const { senderSystemId, candidates, txIds } = batch;
  return inTransactionOn(client, async () => {
    // Events and payloads first, transaction rows last: concurrent batches that share a
    // transaction wait for each other's row lock only over the re-derivation and commit,
    // not over writing ~1 KB payloads. Whoever re-derives last holds the lock after the
    // others committed, so it reads every event.
    const days = await readStorageDays(client, batch);
    const inserted = await insertEvents(client, senderSystemId, candidates, txIds, days);
    await insertPayloads(client, candidates, inserted, txIds, days);
    const { created, moved } = await insertOrLockTransactions(client, batch, days);
    // A transaction stored (or moved by retention) on another day since readStorageDays:
    // this batch's events for it went to the wrong partition.
    if (moved) throw storageDayChanged();
    const rederive = toRederive(batch, created, inserted);
    await rederiveTransactions(pool, client, rederive, [...new Set(rederive.map((id) => days.get(id)!))]);
    return inserted;
  });
}

// The partition each transaction's events go to (README, "Storage and retention"): the
// storage day of a stored transaction; for a new one the day of its first event in this
// batch, within BACKFILL_DAYS before today (UTC, by the database's clock) and not after it.
// A re-sent event thus lands beside its first copy, where the unique key refuses it. Read
// without a lock: insertOrLockTransactions checks the day again under the row lock.
async function readStorageDays(client: PoolClient, batch: Batch): Promise<Map<string, string>> {
  const firstAt = new Map<string, Date>();
  batch.candidates.forEach((item, k) => {
    const id = batch.txIds[k]!;
    const at = item.event.occurredAt;
    const known = firstAt.get(id);
    if (!known || at < known) firstAt.set(id, at);
  });
  const { rows } = await client.query<{ id: string; day: string }>(
    `SELECT v.id, coalesce(t.storage_day,
              least(today, greatest(today - $3::int, (v.first_at AT TIME ZONE 'UTC')::date)))::text AS day
     FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, first_at)
     CROSS JOIN (SELECT (now() AT TIME ZONE 'UTC')::date AS today) d
     LEFT JOIN transactions t ON t.id = v.id`,
    [[...firstAt.keys()], [...firstAt.values()], BACKFILL_DAYS],
  );
  return new Map(rows.map((r) => [r.id, r.day]));
}

// Two batches creating the same transaction from events of different days, or retention
// moving open work to today, between readStorageDays and the row lock. The batch rolls back
// whole and is redone, reading the day that is now stored.
function storageDayChanged(): Error {
  return Object.assign(new Error("a transaction's storage day changed while the batch was stored"), {
    code: "40001",
  });
}

// New transactions were written in their final state; existing ones that received events
// need their full event set read back. So does a new one whose event was refused as a
// duplicate (a sender reusing an event id for another transaction): its row was derived
// from an event it does not have.
function toRederive(batch: Batch, created: Set<string>, inserted: Map<number, string>): string[] {
  const ids = new Set<string>();
  batch.txIds.forEach((id, k) => {
    if (created.has(id) ? !inserted.has(k) : inserted.has(k)) ids.add(id);
  });
  return [...ids];
}

// Locks are taken in id order, so deadlocks should not happen; if PostgreSQL still picks
// this batch as a deadlock victim, or a storage day changed under it, the batch was rolled
// back whole and is safe to redo.
async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || (code !== "40P01" && code !== "40001")) throw error;
    }
  }
}

// The same event id twice in one request: the first counts, the rest are duplicates.
function firstOccurrences(items: ParsedItem[], outcomes: Map<number, StoreOutcome>): ParsedItem[] {
  const seen = new Set<string>();
  const firsts: ParsedItem[] = [];
  for (const item of items) {
    if (seen.has(item.event.eventId)) outcomes.set(item.index, "duplicate");
    else {
      seen.add(item.event.eventId);
      firsts.push(item);
    }
  }
  return firsts;
}

// Inserts the batch's new transactions already derived (a transaction that did not exist
// has no events but this batch's) and row-locks the existing ones: DO UPDATE ... WHERE
// locks every conflicting row but writes (and returns) only one whose storage day is not
// the one this batch used, which the caller then redoes. RETURNING yields the inserted ids
// (xmax 0) and those. Rows go in id order so concurrent batches cannot deadlock, and while
// we hold the locks no other request can re-derive these transactions from a stale view.
async function insertOrLockTransactions(
  client: PoolClient,
  batch: Batch,
  days: Map<string, string>,
): Promise<{ created: Set<string>; moved: boolean }> {
  const byTx = new Map<string, { externalId: string; events: DerivableEvent[] }>();
  batch.candidates.forEach((item, k) => {
    const id = batch.txIds[k]!;
    let entry = byTx.get(id);
    if (!entry) byTx.set(id, (entry = { externalId: item.event.transactionExternalId, events: [] }));
    entry.events.push(item.event);
  });
  const rows = [...byTx.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, { externalId, events }]) => {
      const state = deriveTransaction(events);
      return [
        id,
        batch.senderSystemId,
        externalId,
        days.get(id),
        ...stateValues(state, batch.workflowIds, batch.siteIds),
      ];
    });
  const v = multiRowValues(rows, ["uuid", "int", "text", "date"]);
  const { rows: written } = await client.query<{ id: string; created: boolean }>(
    `INSERT INTO transactions (id, sender_system_id, external_id, storage_day, ${STATE_COLUMNS.map(([name]) => name).join(", ")})
     VALUES ${v.text}
     ON CONFLICT (id) DO UPDATE SET updated_at = transactions.updated_at
       WHERE transactions.storage_day <> excluded.storage_day
     RETURNING id, xmax = 0 AS created`,
    v.params,
  );
  const created = new Set(written.filter((r) => r.created).map((r) => r.id));
  return { created, moved: written.length > created.size };
}

const EVENT_COLUMNS = [
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
  "storage_day",
];

// Returns candidate position -> new events.id for the events that were not stored before.
// Rows go in event id order, so two batches holding copies of the same events wait for
// each other instead of deadlocking.
async function insertEvents(
  client: PoolClient,
  senderSystemId: number,
  items: ParsedItem[],
  txIds: string[],
  days: Map<string, string>,
): Promise<Map<number, string>> {
  const order = items.map((_, k) => k).sort((a, b) => (items[a]!.event.eventId < items[b]!.event.eventId ? -1 : 1));
  const rows = order
    .map((k) => items[k]!)
    .map(({ event: e }, j) => [
      senderSystemId,
      e.eventId,
      txIds[order[j]!],
      e.workflow,
      e.stage,
      e.layer,
      e.occurredAt,
      e.durationMs,
      e.sourceSystem,
      e.targetSystem,
      e.site,
      e.businessKey,
      e.rawRefs ? JSON.stringify(e.rawRefs) : null,
      e.valueAmount,
      e.valueCurrency,
      e.quantity,
      e.errorCode,
      e.errorMessage,
      e.errorRetryable,
      e.attempt,
      e.traceId,
      e.spanId,
      e.parentSpanId,
      days.get(txIds[order[j]!]!),
    ]);
  const v = multiRowValues(
    rows,
    EVENT_COLUMNS.map((c) => (c === "storage_day" ? "date" : "")),
  );
  const { rows: stored } = await client.query<{ id: string; event_id: string }>(
    `INSERT INTO events (${EVENT_COLUMNS.join(", ")}) VALUES ${v.text}
     ON CONFLICT (sender_system_id, event_id, storage_day) DO NOTHING RETURNING id, event_id`,
    v.params,
  );
  const position = new Map(items.map((item, k) => [item.event.eventId, k]));
  return new Map(stored.map((r) => [position.get(r.event_id)!, r.id]));
}

async function insertPayloads(
  client: PoolClient,
  items: ParsedItem[],
  inserted: Map<number, string>,
  txIds: string[],
  days: Map<string, string>,
): Promise<void> {
  const rows: unknown[][] = [];
  for (const [k, eventPk] of inserted) {
    const json = items[k]!.payloadJson;
    if (json !== null) rows.push([eventPk, json, days.get(txIds[k]!)]);
  }
  if (rows.length === 0) return;
  const v = multiRowValues(rows, ["bigint", "json", "date"]);
  await client.query(
    `INSERT INTO event_payloads (event_id, payload, storage_day) VALUES ${v.text} ON CONFLICT DO NOTHING`,
    v.params,
  );
}

interface StoredEventRow {
  transaction_id: string;
  event_id: string;
  workflow: string;
  stage: Stage;
  layer: Layer;
  occurred_at: Date;
  source_system: string | null;
  target_system: string | null;
  site: string | null;
  business_key: string | null;
  refs: Record<string, string | number> | null;
  value_amount: string | null;
  value_currency: string | null;
  quantity: string | null;
  error_code: string | null;
  error_message: string | null;
  error_retryable: boolean | null;
  attempt: number | null;
  trace_id: string | null;
}

// Reads all events of the touched transactions and rewrites their derived state in one
// statement. Re-deriving from the full set (not folding the new events into the old
// row) is what makes the result independent of arrival order.
// Also used by replay services, which append their own events (replay_requested, resolved, ...).
// A transaction's events are all in its storage day's partition: naming the days lets
// PostgreSQL skip the other partitions (a year of daily partitions would otherwise cost
// hundreds of index probes per transaction). The days are read now, under the row locks,
// together with the days the caller wrote events to: should retention have moved a
// transaction in between, both its moved events and the one routed to its old day are read.
export async function rederiveTransactions(
  pool: Pool,
  client: PoolClient,
  ids: string[],
  writtenDays: string[] = [],
): Promise<void> {
  if (ids.length === 0) return;
  const { rows: current } = await client.query<{ day: string }>(
    `SELECT DISTINCT storage_day::text AS day FROM transactions WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const days = [...new Set([...current.map((r) => r.day), ...writtenDays])];
  const { rows } = await client.query<StoredEventRow>(
    `SELECT transaction_id, event_id, workflow, stage, layer, occurred_at, source_system, target_system, site,
            business_key, refs, value_amount::text, value_currency, quantity::text, error_code, error_message,
            error_retryable, attempt, trace_id
     FROM events WHERE transaction_id = ANY($1::uuid[]) AND storage_day = ANY($2::date[])`,
    [ids, days],
  );
  const byTx = new Map<string, DerivableEvent[]>();
  for (const r of rows) {
    let list = byTx.get(r.transaction_id);
    if (!list) byTx.set(r.transaction_id, (list = []));
    list.push(toDerivable(r));
  }
  const states = [...byTx].map(([id, events]) => ({ id, state: deriveTransaction(events) }));
  // Created by this batch for an event that turned out to be a duplicate: it has no events.
  const empty = ids.filter((id) => !byTx.has(id));
  if (empty.length > 0) await client.query(`DELETE FROM transactions WHERE id = ANY($1::uuid[])`, [empty]);
  // Names in stored events were registered when those events arrived, so these are lookups.
  const workflowIds = await resolveWorkflowIds(
    pool,
    client,
    states.map((s) => s.state.workflow),
  );
  const siteIds = await resolveSiteIds(
    pool,
    client,
    states.flatMap((s) => (s.state.site ? [s.state.site] : [])),
  );
  await updateStates(client, states, workflowIds, siteIds);
}

function toDerivable(r: StoredEventRow): DerivableEvent {
  const refs: Record<string, string> = {};
  if (r.refs) for (const [k, v] of Object.entries(r.refs)) refs[k] = String(v);
  return {
    eventId: r.event_id,
    workflow: r.workflow,
    stage: r.stage,
    layer: r.layer,
    occurredAt: r.occurred_at,
    sourceSystem: r.source_system,
    targetSystem: r.target_system,
    site: r.site,
    businessKey: r.business_key,
    refs,
    valueAmount: r.value_amount,
    valueCurrency: r.value_currency?.trim() ?? null,
    quantity: r.quantity,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    errorRetryable: r.error_retryable,
    attempt: r.attempt,
    traceId: r.trace_id,
  };
}

const STATE_COLUMNS: [
  string,
  string,
  (s: TransactionState, ids: { workflow: number; site: number | null }) => unknown,
][] = [
  ["workflow_id", "int", (_, ids) => ids.workflow],
  ["site_id", "int", (_, ids) => ids.site],
  ["source_system", "text", (s) => s.sourceSystem],
  ["target_system", "text", (s) => s.targetSystem],
  ["business_key", "text", (s) => s.businessKey],
  ["order_id", "text", (s) => s.refs.orderId],
  ["shipment_id", "text", (s) => s.refs.shipmentId],
  ["load_id", "text", (s) => s.refs.loadId],
  ["invoice_id", "text", (s) => s.refs.invoiceId],
  ["sku", "text", (s) => s.refs.sku],
  ["customer_id", "text", (s) => s.refs.customerId],
  ["value_amount", "numeric", (s) => s.valueAmount],
  ["value_currency", "text", (s) => s.valueCurrency],
  ["quantity", "numeric", (s) => s.quantity],
  ["status", "text", (s) => s.status],
  ["current_layer", "text", (s) => s.currentLayer],
  ["failed_layer", "text", (s) => s.failedLayer],
  ["error_code", "text", (s) => s.errorCode],
  ["error_message", "text", (s) => s.errorMessage],
  ["error_signature", "text", (s) => s.errorSignature],
  ["ever_failed", "boolean", (s) => s.everFailed],
  ["first_attempt_failed", "boolean", (s) => s.firstAttemptFailed],
  ["replayed", "boolean", (s) => s.replayed],
  ["first_failure_at", "timestamptz", (s) => s.firstFailureAt],
  ["attempts", "int", (s) => s.attempts],
  ["event_count", "int", (s) => s.eventCount],
  ["first_event_at", "timestamptz", (s) => s.firstEventAt],
  ["last_event_at", "timestamptz", (s) => s.lastEventAt],
  ["completed_at", "timestamptz", (s) => s.completedAt],
  ["latency_ms", "bigint", (s) => s.latencyMs],
  ["trace_id", "text", (s) => s.traceId],
];

function stateValues(
  state: TransactionState,
  workflowIds: Map<string, number>,
  siteIds: Map<string, number>,
): unknown[] {
  const ids = {
    workflow: workflowIds.get(state.workflow)!,
    site: state.site ? (siteIds.get(state.site) ?? null) : null,
  };
  return STATE_COLUMNS.map(([, , get]) => get(state, ids));
}

async function updateStates(
  client: PoolClient,
  states: { id: string; state: TransactionState }[],
  workflowIds: Map<string, number>,
  siteIds: Map<string, number>,
): Promise<void> {
  if (states.length === 0) return;
  // One array parameter per column, so the statement text is the same for every batch.
  const columns = STATE_COLUMNS.map(() => [] as unknown[]);
  for (const { state } of states)
    stateValues(state, workflowIds, siteIds).forEach((value, c) => {
      columns[c]!.push(value);
    });
  const names = STATE_COLUMNS.map(([name]) => name);
  const unnest = STATE_COLUMNS.map(([, type], c) => `$${c + 2}::${type}[]`).join(", ");
  await client.query(
    `UPDATE transactions t SET ${names.map((n) => `${n} = v.${n}`).join(", ")}, updated_at = now()
     FROM unnest($1::uuid[], ${unnest}) AS v(id, ${names.join(", ")})
     WHERE t.id = v.id`,
    [states.map((s) => s.id), ...columns],
  );
}
