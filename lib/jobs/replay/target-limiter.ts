// Per-target limits (systems.replay_concurrency and replay_rate_per_second), so a bulk
// replay cannot flood a recovering ERP. The limits hold across all worker processes: each
// live worker (lib/jobs/worker-registry.ts) takes an equal share, re-read every heartbeat,
// and enforces that share in-process. Every live worker counts, busy or idle: cheap and
// never above the limit, at the cost that a bulk (one job, so one worker) gets only its
// worker's share while the others sit idle.

export interface Limits {
  concurrency: number;
  ratePerSecond: number;
}

// floor() wastes the remainder (10 over 3 workers: 3 each), never exceeds. max(1, ...)
// lets each worker send at all, so with more workers than the target's concurrency, up to
// one request per worker may run at once: the sum then exceeds a concurrency below the
// worker count. The rate share has no such floor and always sums to the limit.
export function shareOf(limits: Limits, liveWorkers: number): Limits {
  const n = Math.max(1, Math.floor(liveWorkers));
  return { concurrency: Math.max(1, Math.floor(limits.concurrency / n)), ratePerSecond: limits.ratePerSecond / n };
}

interface Gate {
  active: number;
  waiting: (() => void)[];
  nextSlot: number; // ms epoch of the next free rate slot
}

export class TargetLimiter {
  private gates = new Map<number, Gate>();

  constructor(readonly liveWorkers: () => number = () => 1) {}

  async run<T>(systemId: number, limits: Limits, work: () => Promise<T>): Promise<T> {
    const gate = this.gate(systemId);
    while (gate.active >= shareOf(limits, this.liveWorkers()).concurrency)
      await new Promise<void>((resolve) => gate.waiting.push(resolve));
    gate.active++;
    try {
      const now = Date.now();
      // The share as of now: a heartbeat may have changed the worker count while waiting.
      const slot = Math.max(now, gate.nextSlot);
      gate.nextSlot = slot + 1000 / shareOf(limits, this.liveWorkers()).ratePerSecond;
      if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
      return await work();
    } finally {
      gate.active--;
      gate.waiting.shift()?.();
    }
  }

  private gate(systemId: number): Gate {
    let gate = this.gates.get(systemId);
    if (!gate) this.gates.set(systemId, (gate = { active: 0, waiting: [], nextSlot: 0 }));
    return gate;
  }
}
