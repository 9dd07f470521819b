// The app's POST /api/v1/events route handler behind node:http, in a process of its own
// (bench:retention), so ingest reaches the database over real HTTP and its own connection
// pool without a production build of the whole app. Prints "listening <port>" when ready.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { POST as postEvents } from "@/app/api/v1/events/route";

const server = createServer((req, res) => {
  void (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string" && !["host", "connection", "content-length"].includes(name))
        headers.set(name, value);
    const response = await postEvents(
      new Request(`http://crossdock.bench${req.url}`, {
        method: "POST",
        headers,
        body: Buffer.concat(chunks).toString("utf8"),
      }),
    );
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  })();
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${(server.address() as AddressInfo).port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
