// Process plumbing for the benchmark: free ports, `next start`, CPU accounting from /proc.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as net from "node:net";
import path from "node:path";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0 }, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port")),
      );
    });
  });
}

export interface NextServer {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * `next start` in its own process group (so stop() reaches every process it forks),
 * output to `logFile`. Resolves once GET /api/health answers 200.
 */
export async function startNext(
  appDir: string,
  databaseUrl: string,
  logFile: string,
  log: (line: string) => void,
  nodeFlags: string[] = [],
): Promise<NextServer> {
  const port = await freePort();
  const out = createWriteStream(logFile, { flags: "w" });
  const child = spawn(
    process.execPath,
    [...nodeFlags, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: appDir,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const groupKill = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const onExit = (): void => groupKill("SIGKILL"); // last resort if we die without stop()
  process.on("exit", onExit);
  const stop = async (): Promise<void> => {
    process.off("exit", onExit);
    if (child.exitCode === null && child.signalCode === null) {
      groupKill("SIGTERM");
      const timer = setTimeout(() => groupKill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    groupKill("SIGKILL"); // workers that outlived the parent
    out.end();
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  let last = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `next start exited (code ${child.exitCode}, signal ${child.signalCode}) before /api/health answered; see ${logFile}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) {
        log(`bench: next start is up on ${baseUrl} (pid ${child.pid}); health: ${last}`);
        return { child, port, baseUrl, stop };
      }
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`/api/health did not answer 200 within 90 s (last: ${last}); see ${logFile}`);
}

/**
 * A private copy of the production build, so that someone running `next build` in the
 * repo while we measure cannot swap the app under us. The copy holds `.next` (without the
 * dev output and caches) plus links to what the server reads at run time: node_modules,
 * public and prisma/ (the health check reads the migrations relative to the cwd).
 * Returns the BUILD_ID of the copy.
 */
export async function snapshotBuild(projectDir: string, dest: string): Promise<string> {
  const dist = path.join(projectDir, ".next");
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await fs.stat(path.join(dist, "BUILD_ID")).then((s) => s.mtimeMs);
    await fs.rm(dest, { recursive: true, force: true });
    await fs.mkdir(dest, { recursive: true });
    const skip = new Set(["dev", "cache", "trace", "trace-build", "diagnostics"].map((n) => path.join(dist, n)));
    await fs.cp(dist, path.join(dest, ".next"), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !skip.has(src),
    });
    for (const file of ["package.json", "next.config.js"])
      await fs.copyFile(path.join(projectDir, file), path.join(dest, file));
    for (const dir of ["node_modules", "public", "prisma"])
      await fs.symlink(path.join(projectDir, dir), path.join(dest, dir));
    const after = await fs.stat(path.join(dist, "BUILD_ID")).then((s) => s.mtimeMs);
    if (before === after) return (await fs.readFile(path.join(dest, ".next", "BUILD_ID"), "utf8")).trim();
    await new Promise((r) => setTimeout(r, 2_000)); // a build finished while we copied: again
  }
  throw new Error(
    `the production build in ${dist} kept changing while it was copied (is someone running next build in a loop?)`,
  );
}

// ---------------------------------------------------------------------------------------
// CPU accounting (Linux /proc). utime+stime in clock ticks (CLK_TCK = 100 on Linux).

const TICK_SECONDS = 0.01;

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readProcStats(): ProcStat[] {
  const out: ProcStat[] = [];
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return out;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the ")" that closes the command name: state ppid ... utime(14) stime(15).
      const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
      out.push({ pid: Number(name), ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** CPU ticks per pid of the process trees rooted at `roots`, one map per root. */
export function sampleTrees(roots: Record<string, number | undefined>): Record<string, Map<number, number>> {
  const stats = readProcStats();
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) {
    let list = children.get(s.ppid);
    if (!list) children.set(s.ppid, (list = []));
    list.push(s);
  }
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  const result: Record<string, Map<number, number>> = {};
  // A root inside another's tree (the server the bench process started) is counted under
  // its own label only, so the bench's figure is its own work and the shares add up.
  const rootPids = new Set(Object.values(roots).filter((p): p is number => p !== undefined));
  for (const [label, root] of Object.entries(roots)) {
    const m = new Map<number, number>();
    if (root !== undefined && byPid.has(root)) {
      const stack = [byPid.get(root)!];
      while (stack.length > 0) {
        const s = stack.pop()!;
        m.set(s.pid, s.ticks);
        stack.push(...(children.get(s.pid) ?? []).filter((c) => !rootPids.has(c.pid)));
      }
    }
    result[label] = m;
  }
  return result;
}

/** CPU seconds used between two samples (processes that exited in between are lost). */
export function cpuSecondsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks * TICK_SECONDS;
}

/** Whole-machine busy and total jiffies (from /proc/stat), for utilisation over a phase. */
export function machineTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}
