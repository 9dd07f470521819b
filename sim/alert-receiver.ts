import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type AlertMessage, headline } from "@/lib/domain/alerts/message";

// The demo's stand-in for a chat room: a webhook receiver that prints each alert to the
// demo console, so switching the customer master incident shows alerts firing and recovering.
export async function startDemoAlertReceiver(
  log: (line: string) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString("utf8")));
    req.on("end", () => {
      try {
        const m = JSON.parse(text) as AlertMessage;
        log(`\n  alert: ${headline(m)}\n         ${m.summary}\n         ${m.link}\n`);
      } catch {
        log("  alert: (unreadable notification)");
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
