/** Picking the TCP port for a server we start. */
import * as net from "node:net";
import { HOST, type Log } from "./common";

/** The preferred port if free; otherwise (or when asked for port 0) one the OS hands out. */
export async function choosePort(preferred: number, log: Log): Promise<number> {
  if (preferred === 0) return freePort();
  if (await canListen(preferred)) return preferred;
  const port = await freePort();
  log(`crossdock: port ${preferred} is in use by another program; starting PostgreSQL on free port ${port} instead`);
  return port;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ host: HOST, port: 0, exclusive: true }, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("crossdock: no free port")),
      );
    });
  });
}
