import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// The bench's replay target: answers 202 at once and counts deliveries per
// Idempotency-Key, so the bench measures Crossdock, not a slow target, and can prove no
// transaction was delivered twice.
export interface CountingEndpoint {
  url: string;
  deliveries: Map<string, number>;
  firstAt: number; // ms epoch of the first and the last delivery
  lastAt: number;
  close(): Promise<void>;
}

export async function startCountingEndpoint(): Promise<CountingEndpoint> {
  const deliveries = new Map<string, number>();
  const times = { firstAt: 0, lastAt: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const key = String(req.headers["idempotency-key"] ?? "");
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
      times.lastAt = Date.now();
      times.firstAt ||= times.lastAt;
      res.writeHead(202, { "content-type": "application/json" }).end('{"accepted":true}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    get firstAt() {
      return times.firstAt;
    },
    get lastAt() {
      return times.lastAt;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
