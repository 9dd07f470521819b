import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { useBeforeAll } from "./use-before-all";

// A replay endpoint and record check for tests, over real HTTP, that counts what it
// receives per Idempotency-Key. Like a real idempotent target, a key already posted is
// answered "duplicate" and not posted again; `postings` counts real postings per key, so
// a duplicate delivery shows up as a count above 1 only if the target would post twice.
// Like the demo's target (sim/replay-target), a duplicate names the replay that posted.

// "slow": posts, but answers only after `slowMs` (longer than the endpoint's timeout).
export type Answer = "accept" | "down" | "reject" | "slow";

export interface CountingTarget {
  url: string;
  requests: Map<string, number>; // every POST /replay, per key
  arrivals: number[]; // Date.now() of every POST /replay, to check the rate limit
  maxInFlight: number; // most requests being answered at once, to check the concurrency limit
  postings: Map<string, number>; // accepted postings, per key
  postedBy: Map<string, string>; // key -> the replayId that posted it
  records: Set<string>; // "workflow/businessKey" the ERP already holds
  answerFor: (body: { businessKey?: string | null }) => Answer;
  delayMs: number;
  slowMs: number;
  close(): Promise<void>;
}

export async function startCountingTarget(): Promise<CountingTarget> {
  const target = {
    requests: new Map<string, number>(),
    arrivals: [] as number[],
    maxInFlight: 0,
    postings: new Map<string, number>(),
    records: new Set<string>(),
    answerFor: (() => "accept") as CountingTarget["answerFor"],
    delayMs: 0,
    slowMs: 3000,
    postedBy: new Map<string, string>(),
  };
  let inFlight = 0;
  const server = createServer((req, res) => {
    if (req.method === "POST") target.arrivals.push(Date.now());
    target.maxInFlight = Math.max(target.maxInFlight, ++inFlight);
    void handle(req).then(([status, body]) => {
      inFlight--;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  async function handle(req: IncomingMessage): Promise<[number, unknown]> {
    let text = "";
    for await (const chunk of req) text += chunk;
    if (target.delayMs) await new Promise((r) => setTimeout(r, target.delayMs));
    const record = req.url?.match(/^\/records\/([^/]+)\/([^/]+)$/);
    if (record)
      return target.records.has(`${decodeURIComponent(record[1]!)}/${decodeURIComponent(record[2]!)}`)
        ? [200, { exists: true, documentId: "DOC-1" }]
        : [404, { exists: false }];
    if (req.url === "/health") return [200, { ok: true }];
    if (req.method !== "POST") return [405, { error: { message: "POST only" } }];
    const key = String(req.headers["idempotency-key"] ?? "");
    target.requests.set(key, (target.requests.get(key) ?? 0) + 1);
    const body = JSON.parse(text) as { businessKey?: string | null; replayId?: string };
    const answer = target.answerFor(body);
    if (answer === "down") return [503, { error: { message: "down for maintenance" } }];
    if (answer === "reject") return [422, { error: { message: `Customer of ${body.businessKey} is blocked` } }];
    if (target.postings.has(key)) return [200, { accepted: true, duplicate: true, replayId: target.postedBy.get(key) }];
    target.postings.set(key, 1);
    target.postedBy.set(key, String(body.replayId));
    if (answer === "slow") await new Promise((r) => setTimeout(r, target.slowMs));
    return [202, { accepted: true, replayId: body.replayId }];
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(target, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

// The file's counting target: started before its tests, closed after them.
export function useCountingTarget(): CountingTarget {
  return useBeforeAll(startCountingTarget, (target) => target.close());
}
