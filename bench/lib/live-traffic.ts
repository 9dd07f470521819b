// Sustained ingest for bench:live: the bench:ingest workload (workload.ts), generated in
// chunks as it is sent (ten minutes at 4,000 events/s would not fit in memory at once),
// stamped with the time of sending, paced to a target rate of transactions per second and
// sent by `senders` concurrent loops over HTTP.
import { type GenEvent, generateWorkload } from "./workload";

const CHUNK_EVENTS = 40_000;

export interface Ack {
  at: number; // epoch ms when the answer arrived
  transactions: number; // transactions this batch carries, pro rata (events / events per transaction)
  ms: number;
}

export interface TrafficResult {
  acks: Ack[];
  events: number;
  accepted: number;
  duplicates: number;
  failures: string[];
  seconds: number;
}

interface Batch {
  // each event's JSON split around its occurredAt, serialized once (a re-sent copy shares its original's)
  events: [string, string][];
  transactions: number;
}

const STAMP = "\u0000at\u0000";

// Batches of one chunk after another, each transaction complete within its chunk.
function* batchesOf(batchSize: number): Generator<Batch> {
  const run = Date.now().toString(36); // a --reuse'd database holds earlier runs' events: new ids
  for (let chunk = 0; ; chunk++) {
    // References unique across chunks and apart from the generated history's (SHP-<n> up to the history's size).
    const wl = generateWorkload({
      events: CHUNK_EVENTS,
      batchSize,
      idPrefix: `live${run}-${chunk}`,
      seed: 1000 + chunk,
      duplicateShare: 0.02,
      refOffset: 100_000_000 + chunk * CHUNK_EVENTS,
    });
    const perEvent = wl.transactions / wl.stream.length;
    const json = new Map<GenEvent, [string, string]>();
    const split = (e: GenEvent): [string, string] => {
      let parts = json.get(e);
      if (!parts)
        json.set(
          e,
          (parts = JSON.stringify({ ...e.wire, occurredAt: STAMP }).split(JSON.stringify(STAMP)) as [string, string]),
        );
      return parts;
    };
    for (const events of wl.batches) yield { events: events.map(split), transactions: events.length * perEvent };
  }
}

export async function sendTraffic(opts: {
  baseUrl: string;
  apiKey: string;
  txPerSecond: number;
  senders: number;
  batchSize: number;
  durationMs: number;
}): Promise<TrafficResult> {
  const result: TrafficResult = { acks: [], events: 0, accepted: 0, duplicates: 0, failures: [], seconds: 0 };
  const batches = batchesOf(opts.batchSize);
  const started = Date.now();
  let scheduled = 0; // transactions handed out so far: batch k is due when the schedule reaches it
  const url = `${opts.baseUrl}/api/v1/events`;

  const sender = async (): Promise<void> => {
    for (;;) {
      const dueAt = started + (scheduled / opts.txPerSecond) * 1000;
      // The run ends on time; a sender that fell behind does not make it longer.
      if (dueAt - started >= opts.durationMs || Date.now() - started >= opts.durationMs) return;
      const batch = batches.next().value as Batch;
      scheduled += batch.transactions;
      const wait = dueAt - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // Stamped now, a millisecond apart in stream order: the dashboards' "last hour" sees them.
      const now = Date.now();
      const json = `{"events":[${batch.events.map(([head, tail], i) => `${head}"${new Date(now - batch.events.length + i).toISOString()}"${tail}`).join(",")}]}`;
      const t0 = performance.now();
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${opts.apiKey}` },
          body: json,
        });
        const text = await res.text();
        const ms = performance.now() - t0;
        if (res.status !== 200) {
          result.failures.push(`HTTP ${res.status} ${text.slice(0, 200)}`);
          continue;
        }
        const body = JSON.parse(text) as { accepted: number; duplicates: number };
        result.events += batch.events.length;
        result.accepted += body.accepted;
        result.duplicates += body.duplicates;
        result.acks.push({ at: Date.now(), transactions: batch.transactions, ms });
      } catch (error) {
        result.failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.senders }, sender));
  result.seconds = (Date.now() - started) / 1000;
  return result;
}
