import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { POST as postLogs } from "@/app/v1/logs/route";
import { POST as postTraces } from "@/app/v1/traces/route";
import { useBeforeAll } from "./use-before-all";

// Crossdock's ingest route handlers (OTLP/HTTP at /v1/traces and /v1/logs, native and
// CloudEvents at /api/v1/events) behind a real HTTP port, for real SDK exporters. Bodies
// pass through as bytes (protobuf, gzip) with their headers.
const ROUTES: Record<string, (request: Request) => Promise<Response>> = {
  "/v1/traces": postTraces,
  "/v1/logs": postLogs,
  "/api/v1/events": postEvents,
};

export interface IngestServer {
  url: string;
  // the status of every answered request, in order
  statuses: number[];
  close(): Promise<void>;
}

export async function startIngestServer(): Promise<IngestServer> {
  const statuses: number[] = [];
  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const route = ROUTES[req.url ?? ""];
    if (req.method !== "POST" || !route) {
      res.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && !["host", "connection", "transfer-encoding"].includes(name))
        headers.set(name, value);
    }
    const response = await route(
      new Request(`http://crossdock.test${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }),
    );
    statuses.push(response.status);
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    res.writeHead(response.status, out);
    res.end(Buffer.from(await response.arrayBuffer()));
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    statuses,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// The file's ingest server: started before its tests, closed after them.
export function useIngestServer(): IngestServer {
  return useBeforeAll(startIngestServer, (server) => server.close());
}
