import { spawn } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type SupervisedWorker, superviseWorker, supervisorSettings } from "@/scripts/lib/supervise-worker";

// npm start's supervision of its worker (issue 17), with real child processes: one killed
// with SIGKILL is replaced, one that keeps failing at once is given up on after the
// configured number of tries with growing delays, and stop() ends it without a restart.

const forever = () => spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
const failing = () => spawn(process.execPath, ["-e", "process.exit(3)"], { stdio: "ignore" });
const settings = { restartBaseMs: 100, restartMaxMs: 1000, fastExitMs: 5000, maxFastExits: 3 };

let supervised: SupervisedWorker | undefined;
afterEach(async () => {
  await supervised?.stop(1000);
  supervised = undefined;
});

describe("superviseWorker", () => {
  it("replaces a worker killed with SIGKILL and logs why it stopped", async () => {
    const lines: string[] = [];
    const onGiveUp = vi.fn();
    supervised = superviseWorker({ start: forever, settings, log: (l) => lines.push(l), onGiveUp });
    const first = supervised.current()!;
    await new Promise((r) => first.once("spawn", r));
    first.kill("SIGKILL");
    await vi.waitFor(() => expect(supervised!.current()?.pid).toBeDefined(), { timeout: 5000 });
    await vi.waitFor(() => expect(supervised!.current()!.pid).not.toBe(first.pid), { timeout: 5000 });
    expect(supervised.restarts()).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /^the worker stopped \(signal SIGKILL\) after \d+ ms; starting it again in 100 ms \(restart 1\)$/,
      ),
    ]);
    // The replacement is a running process, and is itself replaced in turn.
    const second = supervised.current()!;
    expect(second.exitCode).toBeNull();
    second.kill("SIGKILL");
    await vi.waitFor(() => expect(supervised!.restarts()).toBe(2), { timeout: 5000 });
    await vi.waitFor(() => expect(supervised!.current()?.pid).not.toBe(second.pid), { timeout: 5000 });
    expect(onGiveUp).not.toHaveBeenCalled();
  });

  it("gives up after repeated fast failures, with doubling delays, and says so", async () => {
    const lines: string[] = [];
    const gaveUp = new Promise<string>((resolve) => {
      supervised = superviseWorker({ start: failing, settings, log: (l) => lines.push(l), onGiveUp: resolve });
    });
    const reason = await gaveUp;
    expect(reason).toMatch(
      /^the worker failed 3 times in a row within 5000 ms of starting \(last: exit code 3\); giving up$/,
    );
    expect(lines.slice(0, 2)).toEqual([
      expect.stringMatching(/\(exit code 3\) .* again in 100 ms \(restart 1\)$/),
      expect.stringMatching(/\(exit code 3\) .* again in 200 ms \(restart 2\)$/),
    ]);
    expect(lines).toHaveLength(3);
    expect(supervised!.current()).toBeNull();
  });

  it("a worker that ran longer than the fast-exit window starts the count again", async () => {
    const lines: string[] = [];
    const onGiveUp = vi.fn();
    // Each run lasts 300 ms: longer than a fast exit here, so it never adds up to giving up.
    const slowFailing = () =>
      spawn(process.execPath, ["-e", "setTimeout(() => process.exit(1), 300)"], { stdio: "ignore" });
    supervised = superviseWorker({
      start: slowFailing,
      settings: { ...settings, fastExitMs: 200, maxFastExits: 2 },
      log: (l) => lines.push(l),
      onGiveUp,
    });
    await vi.waitFor(() => expect(supervised!.restarts()).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    expect(onGiveUp).not.toHaveBeenCalled();
    expect(lines.every((l) => l.includes("again in 100 ms"))).toBe(true);
  });

  it("stop() ends the worker with SIGTERM and starts no other", async () => {
    const lines: string[] = [];
    supervised = superviseWorker({ start: forever, settings, log: (l) => lines.push(l), onGiveUp: vi.fn() });
    const child = supervised.current()!;
    await new Promise((r) => child.once("spawn", r));
    await supervised.stop(1000);
    expect(child.signalCode).toBe("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    expect(supervised.current()).toBeNull();
    expect(lines).toEqual([]);
  });

  it("names a wrong setting", () => {
    expect(() => supervisorSettings({ CROSSDOCK_WORKER_MAX_FAST_EXITS: "0" })).toThrow(
      /CROSSDOCK_WORKER_MAX_FAST_EXITS must be a whole number of at least 1/,
    );
    expect(supervisorSettings({})).toEqual({
      restartBaseMs: 1000,
      restartMaxMs: 30_000,
      fastExitMs: 30_000,
      maxFastExits: 5,
    });
  });
});
