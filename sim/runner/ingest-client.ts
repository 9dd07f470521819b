// SIMULATION, not product code. Sends the simulator's events the way a middleware would:
// POST /api/v1/events with an API key, re-sending a batch when Crossdock answers 5xx/429
// (at-least-once; event ids make the re-send harmless).
import type { SimEvent } from "../event";

export interface IngestCounts {
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface IngestClient {
  send(events: SimEvent[]): Promise<IngestCounts>;
}

export function createIngestClient(options: { url: string; apiKey: string; attempts?: number }): IngestClient {
  const endpoint = new URL("/api/v1/events", options.url).toString();
  const attempts = options.attempts ?? 6;
  return {
    async send(events) {
      const body = JSON.stringify({ events });
      for (let attempt = 1; ; attempt++) {
        const res = await fetch(endpoint, {
          method: "POST",
          headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
          body,
        }).catch((error: Error) => error);
        if (!(res instanceof Error) && res.ok) {
          const report = (await res.json()) as IngestCounts & { results?: { status: string; errors?: unknown }[] };
          return { accepted: report.accepted, duplicates: report.duplicates, rejected: report.rejected };
        }
        const retryable = res instanceof Error || res.status >= 500 || res.status === 429;
        if (!retryable || attempt >= attempts) {
          const detail = res instanceof Error ? res.message : `${res.status} ${await res.text()}`;
          throw new Error(`ingest failed: ${detail.slice(0, 500)}`);
        }
        const retryAfter = res instanceof Error ? null : Number(res.headers.get("retry-after"));
        await sleep(retryAfter ? retryAfter * 1000 : 250 * 2 ** attempt);
      }
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
