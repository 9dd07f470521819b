// The app path: POST /api/v1/events over real HTTP (fetch / undici, keep-alive), from
// `clients` concurrent loops, each taking the next unsent batch.

export interface AppRunResult {
  seconds: number;
  requests: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  failures: string[];
  /** 5xx answers that were retried (the app stores nothing then), with their server messages. */
  retried: string[];
  /** Per-request latency in ms, in completion order. */
  latenciesMs: number[];
}

interface IngestResponse {
  accepted?: number;
  duplicates?: number;
  rejected?: number;
  results?: { status: string; errors?: unknown }[];
}

// A 5xx answer means nothing of the batch was stored; like any at-least-once sender the
// client re-sends it (up to `retries` times), and the re-sends are reported.
export async function runApp(
  baseUrl: string,
  apiKey: string,
  bodies: { json: string; events: number }[],
  clients: number,
  retries = 3,
): Promise<AppRunResult> {
  const result: AppRunResult = {
    seconds: 0,
    requests: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    failures: [],
    retried: [],
    latenciesMs: [],
  };
  const url = `${baseUrl}/api/v1/events`;

  const post = async (json: string): Promise<{ status: number; text: string }> => {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: json,
    });
    const text = await res.text();
    result.latenciesMs.push(performance.now() - t0);
    result.requests++;
    return { status: res.status, text };
  };

  const sendBatch = async (i: number): Promise<void> => {
    const body = bodies[i]!;
    for (let attempt = 0; ; attempt++) {
      let res: { status: number; text: string };
      try {
        res = await post(body.json);
      } catch (error) {
        result.failures.push(`batch ${i}: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (res.status >= 500 && attempt < retries) {
        result.retried.push(`batch ${i}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
        continue;
      }
      if (res.status !== 200) {
        result.failures.push(`batch ${i}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
        return;
      }
      const r = JSON.parse(res.text) as IngestResponse;
      const accepted = r.accepted ?? 0;
      const duplicates = r.duplicates ?? 0;
      const rejected = r.rejected ?? 0;
      result.accepted += accepted;
      result.duplicates += duplicates;
      result.rejected += rejected;
      if (accepted + duplicates !== body.events || rejected !== 0) {
        const firstRejected = r.results?.find((x) => x.status === "rejected");
        result.failures.push(
          `batch ${i}: sent ${body.events}, accepted ${accepted} + duplicates ${duplicates} + rejected ${rejected}` +
            (firstRejected ? `; first rejection: ${JSON.stringify(firstRejected).slice(0, 300)}` : ""),
        );
      }
      return;
    }
  };

  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < bodies.length; i = next++) await sendBatch(i);
    }),
  );
  result.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return result;
}
