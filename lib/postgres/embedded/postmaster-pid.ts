/** Reusing a server already running for the data directory, or cleaning up after a crash. */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import type { Log } from "./common";
import { errorCode, isAlive, run } from "./helpers";
import { waitForServer } from "./server-process";

/**
 * Looks at postmaster.pid: returns the port of a live server for this data directory, or
 * undefined after removing a stale file (PostgreSQL would otherwise refuse to start while
 * the recorded PID belongs to any live process, which is common after a reboot).
 */
export async function findRunningServer(
  dataDir: string,
  password: string,
  logFile: string,
  log: Log,
): Promise<number | undefined> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  for (;;) {
    const lines = await fs.readFile(pidFile, "utf8").then(
      (text) => text.split("\n"),
      (error: unknown) => {
        if (errorCode(error) === "ENOENT") return undefined;
        throw error;
      },
    );
    if (lines === undefined) return undefined;
    // Line 1 is the postmaster's PID, line 4 its port (PostgreSQL's pidfile.h).
    const pid = Number.parseInt(lines[0] ?? "", 10);
    const port = Number.parseInt(lines[3] ?? "", 10);
    if (!isAlive(pid) || !(await isPostgresFor(pid, dataDir))) {
      log(
        `crossdock: removing stale ${pidFile} (PID ${lines[0]?.trim()} is not a running PostgreSQL for this data directory; the previous run probably crashed)`,
      );
      await fs.rm(pidFile, { force: true });
      return undefined;
    }
    if (!Number.isInteger(port))
      throw new Error(`crossdock: ${pidFile} names live PID ${pid} but no port; is PostgreSQL still starting?`);
    if ((await waitForServer(port, password, () => !isAlive(pid), logFile)) === "ready") return port;
    // It shut down while we waited (someone stopped it): look at the pid file again.
  }
}

/** Whether `pid` is a postgres process working in `dataDir` (not a recycled PID). */
async function isPostgresFor(pid: number, dataDir: string): Promise<boolean> {
  const name = await processName(pid);
  if (name === undefined) return true; // cannot tell here: the connection attempt decides
  if (!name.startsWith("postgres")) return false; // zombies have an empty name too
  // The postmaster chdirs into its data directory. Reading another user's cwd needs
  // CAP_SYS_PTRACE, which root lacks in containers: then the name has to do.
  const cwd = await fs.readlink(`/proc/${pid}/cwd`).catch(() => undefined);
  return cwd === undefined || cwd === (await fs.realpath(dataDir));
}

async function processName(pid: number): Promise<string | undefined> {
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => undefined);
  if (cmdline !== undefined) return path.basename(cmdline.split("\0")[0] ?? "");
  const ps = await run("ps", ["-o", "comm=", "-p", String(pid)]); // macOS and other non-/proc systems
  return ps.code === 0 ? path.basename(ps.output.trim()) : undefined;
}
