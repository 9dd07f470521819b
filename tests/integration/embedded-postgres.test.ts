import { spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type EmbeddedServer, startEmbeddedPostgres } from "@/lib/postgres/embedded-postgres";

// Each test gets its own data directory (and port), so these run independently of the
// shared test database and of any embedded server a developer has running.
const roots: string[] = [];

async function freshDataDir(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "crossdock-embedded-test-"));
  // mkdtemp creates 0700; as root the launcher would then (correctly) relocate the data to
  // a folder the postgres user can reach. Open it up to exercise the normal path.
  await chmod(root, 0o755);
  roots.push(root);
  return path.join(root, ".data", "pg");
}

async function start(dataDir: string, lines: string[] = []): Promise<EmbeddedServer> {
  // port 0: never collide with a developer's server on the default port 54329.
  const server = await startEmbeddedPostgres({ dataDir, port: 0, log: (line) => lines.push(line) });
  if (!server.reused) roots.push(path.dirname(server.dataDir)); // in case it was relocated anyway
  return server;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A PID that certainly belonged to a process which has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  if (child.pid === undefined) throw new Error("no pid");
  return child.pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe("startEmbeddedPostgres", () => {
  it("keeps data across a stop and a restart", { timeout: 120_000 }, async () => {
    const dataDir = await freshDataDir();
    const first = await start(dataDir);
    try {
      expect(first.reused).toBe(false);
      expect(first.dataDir).toBe(dataDir);
      expect(first.url).toMatch(/^postgresql:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/crossdock$/);
      await query(first.url, "create table parcel (id int primary key, label text not null)");
      await query(first.url, "insert into parcel values (1, 'pallet 7')");
    } finally {
      await first.stop();
    }
    // The password is generated once and kept beside the data directory, owner-only.
    const passwordFile = path.join(path.dirname(dataDir), "postgres.password");
    expect((await readFile(passwordFile, "utf8")).trim()).not.toBe("");

    const second = await start(dataDir);
    try {
      expect(second.reused).toBe(false);
      expect(await query(second.url, "select label from parcel where id = 1")).toEqual([{ label: "pallet 7" }]);
    } finally {
      await second.stop();
    }
  });

  it("starts after a crash left a stale postmaster.pid behind", { timeout: 120_000 }, async () => {
    const dataDir = await freshDataDir();
    const first = await start(dataDir);
    await query(first.url, "create table survivor (note text)");
    await query(first.url, "insert into survivor values ('still here')");
    await first.stop();

    // What a crashed postmaster leaves: its pid file, naming a PID that no longer runs.
    const pid = await deadPid();
    await writeFile(
      path.join(dataDir, "postmaster.pid"),
      `${pid}\n${dataDir}\n1700000000\n${first.port}\n\n127.0.0.1\n  54329001    32768\nready   \n`,
    );

    const lines: string[] = [];
    const second = await start(dataDir, lines);
    try {
      expect(second.reused).toBe(false);
      expect(lines.some((line) => line.includes("stale") && line.includes(String(pid)))).toBe(true);
      expect(await query(second.url, "select note from survivor")).toEqual([{ note: "still here" }]);
    } finally {
      await second.stop();
    }
  });

  it("recovers after the postmaster itself was SIGKILLed", { timeout: 120_000 }, async () => {
    const dataDir = await freshDataDir();
    const first = await start(dataDir);
    await query(first.url, "create table committed (n int)");
    await query(first.url, "insert into committed values (42)");
    const pid = Number.parseInt(
      (await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0] ?? "",
      10,
    );
    process.kill(pid, "SIGKILL");
    while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    await first.stop(); // already gone: must return at once

    const second = await start(dataDir);
    try {
      expect(second.reused).toBe(false);
      expect(await query(second.url, "select n from committed")).toEqual([{ n: 42 }]);
    } finally {
      await second.stop();
    }
  });

  it("reuses the server that is already running for the same data directory", { timeout: 120_000 }, async () => {
    const dataDir = await freshDataDir();
    const first = await start(dataDir);
    try {
      const second = await start(dataDir);
      expect(second.reused).toBe(true);
      expect(second.port).toBe(first.port);
      expect(second.dataDir).toBe(first.dataDir);
      expect(await query(second.url, "select 1 as one")).toEqual([{ one: 1 }]);
      await second.stop(); // not its server: must leave it running
      expect(await query(first.url, "select 2 as two")).toEqual([{ two: 2 }]);
    } finally {
      await first.stop();
    }
  });

  it("moves to a free port when the requested one is taken", { timeout: 120_000 }, async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    if (typeof address !== "object" || address === null) throw new Error("no address");
    const lines: string[] = [];
    const dataDir = await freshDataDir();
    try {
      const server = await startEmbeddedPostgres({ dataDir, port: address.port, log: (line) => lines.push(line) });
      try {
        expect(server.port).not.toBe(address.port);
        expect(lines.some((line) => line.includes(`port ${address.port} is in use`))).toBe(true);
        expect(await query(server.url, "select 1 as one")).toEqual([{ one: 1 }]);
      } finally {
        await server.stop();
      }
    } finally {
      blocker.close();
    }
  });
});
