import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { useBeforeAll } from "./use-before-all";

// Crossdock's real POST /api/v1/events handler behind a real HTTP port, for clients that
// speak HTTP (the simulator, the replay target). `failNext(n)` answers 503 n times, the
// way an overloaded or restarting Crossdock would.
export interface CrossdockServer {
  url: string;
  calls: number;
  failNext(times: number): void;
  close(): Promise<void>;
}

export async function startCrossdockServer(): Promise<CrossdockServer> {
  let failuresLeft = 0;
  const state = { calls: 0 };
  const server = createServer((req, res) => {
    state.calls++;
    void handle(req, res);
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (failuresLeft > 0) {
      failuresLeft--;
      res
        .writeHead(503, { "content-type": "application/json" })
        .end('{"error":{"status":503,"message":"simulated outage"}}');
      return;
    }
    if (req.method !== "POST" || req.url !== "/api/v1/events") {
      res.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && !["host", "connection", "content-length", "transfer-encoding"].includes(name))
        headers.set(name, value);
    }
    const request = new Request(`http://crossdock.test${req.url}`, {
      method: "POST",
      headers,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    const response = await postEvents(request);
    res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" });
    res.end(await response.text());
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get calls() {
      return state.calls;
    },
    failNext(times) {
      failuresLeft = times;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// The file's Crossdock server: started before its tests, closed after them.
export function useCrossdockServer(): CrossdockServer {
  return useBeforeAll(startCrossdockServer, (server) => server.close());
}
