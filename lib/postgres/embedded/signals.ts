/** Stopping the servers this process started when it exits or is interrupted. */
import type { ChildProcess } from "node:child_process";
import { stopChild } from "./server-process";

// Servers this process started; hooks are installed only while there are any.
const ownedChildren = new Set<ChildProcess>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

export function track(child: ChildProcess): void {
  ownedChildren.add(child);
  if (ownedChildren.size === 1) {
    process.on("exit", killOnExit);
    for (const signal of SIGNALS) process.on(signal, stopThenReraise);
  }
  child.once("exit", () => {
    ownedChildren.delete(child);
    if (ownedChildren.size > 0) return;
    process.off("exit", killOnExit);
    for (const signal of SIGNALS) process.off(signal, stopThenReraise);
  });
}

/** 'exit' handlers cannot wait, but postgres finishes a fast shutdown on its own. */
function killOnExit(): void {
  for (const child of ownedChildren) child.kill("SIGINT");
}

/**
 * Stops our servers, then re-raises the signal so the process ends as it would have without
 * us (killed by the signal, or exit code 130/143 under tsx), unless someone else listens for
 * it: then they decide when to exit, and killOnExit covers us.
 */
function stopThenReraise(signal: NodeJS.Signals): void {
  for (const each of SIGNALS) process.off(each, stopThenReraise);
  void Promise.allSettled([...ownedChildren].map(stopChild)).then(() => {
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}
