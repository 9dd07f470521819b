// SIMULATION, not product code. Loads the history window through the public ingest API:
// batches keep a transaction's events together (no lock waits between requests), and a
// few requests are in flight at once so Crossdock's parsing and PostgreSQL overlap.
import { estimateHistoryTransactions, generateHistory, type ScenarioSettings, type Seed } from "../generate";
import type { IngestClient, IngestCounts } from "./ingest-client";
import { createProgressBar, type Output } from "./progress-bar";

export interface BackfillOptions {
  client: IngestClient;
  from: Date;
  to: Date;
  seed: Seed;
  settings: ScenarioSettings;
  concurrency?: number;
  label?: string;
  output?: Output;
}

export interface BackfillResult extends IngestCounts {
  transactions: number;
  events: number;
  seconds: number;
}

export async function runBackfill(options: BackfillOptions): Promise<BackfillResult> {
  const { client, from, to, seed, settings } = options;
  const started = Date.now();
  const total = estimateHistoryTransactions({ from, to, seed });
  const bar = createProgressBar(options.label ?? "simulator: loading history", total, options.output);
  const result: BackfillResult = { transactions: 0, events: 0, accepted: 0, duplicates: 0, rejected: 0, seconds: 0 };
  const inFlight = new Set<Promise<void>>();
  let failure: Error | null = null;

  for (const batch of generateHistory({ from, to, seed, settings })) {
    if (failure) break;
    const transactions = new Set(batch.map((e) => e.transactionId)).size;
    const sending = client.send(batch).then(
      (counts) => {
        result.transactions += transactions;
        result.events += batch.length;
        result.accepted += counts.accepted;
        result.duplicates += counts.duplicates;
        result.rejected += counts.rejected;
        bar.update(
          result.transactions,
          `(${Math.round(result.events / ((Date.now() - started) / 1000)).toLocaleString("en-US")} events/s)`,
        );
      },
      (error: Error) => {
        failure ??= error;
      },
    );
    const tracked = sending.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if (inFlight.size >= (options.concurrency ?? 3)) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  result.seconds = (Date.now() - started) / 1000;
  bar.finish(
    `${result.transactions.toLocaleString("en-US")} transactions (${result.events.toLocaleString("en-US")} events) in ${result.seconds.toFixed(0)} s` +
      (result.duplicates ? `, ${result.duplicates.toLocaleString("en-US")} already there` : "") +
      (result.rejected ? `, ${result.rejected} rejected` : ""),
  );
  return result;
}
