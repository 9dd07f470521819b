/** The postmaster we start ourselves: spawning it, waiting until it accepts connections, stopping it. */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs/promises";
import { DatabaseError } from "pg";
import { binary, serverSpawnOptions } from "./binaries";
import { withClient } from "./client";
import { HOST, SUPERUSER } from "./common";
import type { SideFiles } from "./data-dir";
import { messageOf, sleep } from "./helpers";
import type { RunAs } from "./run-as";
import { logTail } from "./server-log";

// Crash recovery after an unclean stop can take a while on a big data directory.
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const SERVER_SETTINGS = [
  `listen_addresses=${HOST}`,
  "unix_socket_directories=", // TCP only: no socket files to clean up or to collide on
  "max_connections=200", // dev server + tests + Prisma pools add up quickly
  "jit=off", // JIT only slows down the short queries of an interactive app
  "fsync=on", // the data is meant to survive crashes
];

/**
 * Spawns the postmaster (not detached: it shares our process group, so Ctrl+C reaches it)
 * with its output going straight to the log file, which keeps working if we die first.
 */
export async function spawnPostgres(
  nativeDir: string,
  dataDir: string,
  port: number,
  files: SideFiles,
  runAs: RunAs | undefined,
): Promise<ChildProcess> {
  await fs.appendFile(
    files.log,
    `\n--- crossdock: starting PostgreSQL on port ${port} at ${new Date().toISOString()}\n`,
  );
  const logFile = await fs.open(files.log, "a");
  try {
    const args = ["-D", dataDir, "-p", String(port), ...SERVER_SETTINGS.flatMap((setting) => ["-c", setting])];
    const child = spawn(binary(nativeDir, "postgres"), args, {
      ...serverSpawnOptions(dataDir, runAs),
      stdio: ["ignore", logFile.fd, logFile.fd],
    });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.on("error", reject); // stays attached: later errors (e.g. kill failures) must not crash us
    });
    return child;
  } finally {
    await logFile.close(); // the child has its own copy of the descriptor
  }
}

/** Polls until a connection succeeds, the server process goes away, or the timeout expires. */
export async function waitForServer(
  port: number,
  password: string,
  gone: () => boolean,
  logFile: string,
  logFrom = 0,
): Promise<"ready" | "gone"> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (gone()) return "gone";
    try {
      await withClient(port, password, SUPERUSER, (client) => client.query("select 1"));
      return "ready";
    } catch (error) {
      // 57P03: starting up / in recovery / shutting down. Other server errors (wrong password...) won't fix themselves.
      if (error instanceof DatabaseError && error.code !== "57P03") {
        throw new Error(`crossdock: cannot connect to PostgreSQL on ${HOST}:${port}: ${error.message}`);
      }
      lastError = error;
    }
    await sleep(150);
  }
  throw new Error(
    `crossdock: PostgreSQL on ${HOST}:${port} did not accept connections within ${READY_TIMEOUT_MS / 1000}s (last error: ${messageOf(lastError)}).\n` +
      `Last lines of ${logFile}:\n${await logTail(logFile, logFrom)}`,
  );
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGINT = fast shutdown (disconnect clients, checkpoint, exit); SIGQUIT if that hangs. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const escalate = setTimeout(() => child.kill("SIGQUIT"), STOP_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(escalate);
      resolve();
    });
    child.kill("SIGINT");
  });
}
