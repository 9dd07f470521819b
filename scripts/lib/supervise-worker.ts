import type { ChildProcess } from "node:child_process";
import { z } from "zod";
import { type EnvSource, parseEnv, wholeNumber } from "@/lib/env";

// Keeps npm start's worker running (issue 17): a worker that exits, however it exits, is
// started again after a backoff that doubles with each quick failure. A worker that keeps
// failing quickly (a bad setting, a database that refuses it) is given up on: onGiveUp
// lets start.ts stop the app and exit non-zero, so a process manager or orchestrator
// sees the failure instead of an app whose replays queue forever.

const schema = z.object({
  // First restart delay, doubled per quick failure in a row, capped at the max.
  CROSSDOCK_WORKER_RESTART_BASE_MS: wholeNumber(0).default(1000),
  CROSSDOCK_WORKER_RESTART_MAX_MS: wholeNumber(0).default(30_000),
  // A worker that exits within this long of its start failed quickly; a longer run resets the count.
  CROSSDOCK_WORKER_FAST_EXIT_MS: wholeNumber(0).default(30_000),
  // This many quick failures in a row and npm start gives up.
  CROSSDOCK_WORKER_MAX_FAST_EXITS: wholeNumber(1).default(5),
});

export interface SupervisorSettings {
  restartBaseMs: number;
  restartMaxMs: number;
  fastExitMs: number;
  maxFastExits: number;
}

export function supervisorSettings(env: EnvSource = process.env): SupervisorSettings {
  const s = parseEnv(schema, env);
  return {
    restartBaseMs: s.CROSSDOCK_WORKER_RESTART_BASE_MS,
    restartMaxMs: s.CROSSDOCK_WORKER_RESTART_MAX_MS,
    fastExitMs: s.CROSSDOCK_WORKER_FAST_EXIT_MS,
    maxFastExits: s.CROSSDOCK_WORKER_MAX_FAST_EXITS,
  };
}

export interface SupervisedWorker {
  // the running child, if any (between a crash and its restart there is none)
  current(): ChildProcess | null;
  restarts(): number;
  // SIGTERM, then SIGKILL after `timeoutMs`; no restart after this.
  stop(timeoutMs?: number): Promise<void>;
}

export function superviseWorker(opts: {
  start: () => ChildProcess;
  settings: SupervisorSettings;
  log: (line: string) => void;
  onGiveUp: (reason: string) => void;
}): SupervisedWorker {
  const { settings, log } = opts;
  let child: ChildProcess | null = null;
  let stopping = false;
  let fastExits = 0;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;

  const launch = (): void => {
    const startedAt = Date.now();
    const started = opts.start();
    child = started;
    let ended = false;
    const onEnded = (reason: string): void => {
      if (ended) return;
      ended = true;
      if (child === started) child = null;
      if (stopping) return;
      const ranMs = Date.now() - startedAt;
      fastExits = ranMs < settings.fastExitMs ? fastExits + 1 : 0;
      if (fastExits >= settings.maxFastExits) {
        const why = `the worker failed ${fastExits} times in a row within ${settings.fastExitMs} ms of starting (last: ${reason}); giving up`;
        log(why);
        opts.onGiveUp(why);
        return;
      }
      const delay = Math.min(settings.restartMaxMs, settings.restartBaseMs * 2 ** Math.max(0, fastExits - 1));
      restarts++;
      log(`the worker stopped (${reason}) after ${ranMs} ms; starting it again in ${delay} ms (restart ${restarts})`);
      timer = setTimeout(() => {
        if (!stopping) launch();
      }, delay);
    };
    started.once("exit", (code, signal) => onEnded(signal ? `signal ${signal}` : `exit code ${code}`));
    // "error" without a pid: it never started (no "exit" follows); with one, a failed kill: still running.
    started.on("error", (error) => {
      if (started.pid === undefined) onEnded(`could not start: ${error.message}`);
    });
  };
  launch();

  return {
    current: () => child,
    restarts: () => restarts,
    async stop(timeoutMs = 5000) {
      stopping = true;
      clearTimeout(timer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      running.kill("SIGTERM");
      const killer = setTimeout(() => running.kill("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(killer);
    },
  };
}
