import type { ClientBase } from "pg";

// What a long migration will cost on this database, said before it starts (README,
// "Upgrading to partitioned storage"). Only migrations that rewrite large tables have one;
// on a database with nothing to rewrite they say nothing.
type Preflight = (client: ClientBase) => Promise<string | null>;

// Measured on the 2-core reference machine: 440 MB of events, payloads and transactions
// (with their indexes) partitioned in 50 s; 653 MB of transactions (1 million rows, with
// their indexes) rewritten to a wider column in 17 s.
const PARTITIONING_BYTES_PER_SECOND = 9 * 1024 * 1024;
const REWRITE_BYTES_PER_SECOND = 35 * 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
function duration(bytes: number, bytesPerSecond: number): string {
  const seconds = bytes / bytesPerSecond;
  return seconds < 90 ? `${Math.max(1, Math.round(seconds))} s` : `${Math.round(seconds / 60)} min`;
}

const PREFLIGHTS: Record<string, Preflight> = {
  "20261205040000_partitioned_events": async (client) => {
    const { rows } = await client.query<{ any: boolean; bytes: string; events: string }>(
      `SELECT EXISTS (SELECT 1 FROM events) AS any,
              pg_total_relation_size('events') + pg_total_relation_size('event_payloads')
                + pg_total_relation_size('transactions') AS bytes,
              greatest((SELECT reltuples FROM pg_class WHERE oid = 'events'::regclass), 0)::bigint AS events`,
    );
    const { any, bytes, events } = rows[0]!;
    if (!any) return null;
    const size = megabytes(Number(bytes));
    const rowsNote = Number(events) > 0 ? ` (about ${Number(events).toLocaleString("en-US")} events)` : "";
    return (
      `crossdock: migration 20261205040000_partitioned_events rewrites events, event_payloads and transactions` +
      `${rowsNote}, ${size} with their indexes, into day partitions: about ${duration(Number(bytes), PARTITIONING_BYTES_PER_SECOND)} at the measured` +
      ` ~9 MB/s. It holds exclusive locks on the three tables until it commits: stop ingest and the worker` +
      ` while it runs (requests wait, then fail). It needs about ${size} of free disk until it commits.`
    );
  },
  "20261205080000_transaction_latency_bigint": async (client) => {
    const { rows } = await client.query<{ any: boolean; bytes: string }>(
      `SELECT EXISTS (SELECT 1 FROM transactions) AS any, pg_total_relation_size('transactions') AS bytes`,
    );
    const { any, bytes } = rows[0]!;
    if (!any) return null;
    const size = megabytes(Number(bytes));
    return (
      `crossdock: migration 20261205080000_transaction_latency_bigint rewrites transactions, ${size} with its` +
      ` indexes, to widen latency_ms: about ${duration(Number(bytes), REWRITE_BYTES_PER_SECOND)} at the measured ~35 MB/s.` +
      ` Ingest, replays and the dashboards wait for it (stop ingest if that is longer than its senders' timeout).` +
      ` It needs about ${size} of free disk until it commits.`
    );
  },
};

export async function migrationPreflight(client: ClientBase, name: string): Promise<string | null> {
  const preflight = PREFLIGHTS[name];
  return preflight ? preflight(client) : null;
}
