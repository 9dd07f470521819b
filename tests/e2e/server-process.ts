import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

// A process the spec starts itself (npm start, the standalone server, the worker), in its own
// process group so that stopping it reaches everything it started, with its output kept for
// the failure message.

// Exactly the variables given: Next's types insist on NODE_ENV in every process environment.
export type Environment = Record<string, string>;
export const asProcessEnv = (env: Environment) => env as NodeJS.ProcessEnv;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<Exit>;
  // Sends the signal to the whole group and waits for the exit (SIGKILL after timeoutMs).
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit>;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env: Environment },
): ServerProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: asProcessEnv(options.env),
    detached: true,
    stdio: "pipe",
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  // "close", not "exit": after the output has been read to its end.
  const exited = new Promise<Exit>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  return {
    child,
    output: () => `--- ${name} output ---\n${output}`,
    exited,
    async stop(signal = "SIGTERM", timeoutMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      signalGroup(signal);
      const timer = setTimeout(() => signalGroup("SIGKILL"), timeoutMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

// Waits until GET <base>/api/health answers 200, failing early with the output if the process exits.
export async function waitForHealth(base: string, server: ServerProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null)
      throw new Error(`exited (code ${server.child.exitCode}) before ${base}/api/health answered\n${server.output()}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${base}/api/health did not answer 200 within ${timeoutMs} ms (last: ${last})\n${server.output()}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
