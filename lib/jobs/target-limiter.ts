// Per-target limits (systems.replay_concurrency and replay_rate_per_second), so a bulk
// replay cannot flood an ERP. Held per worker process: with several workers, each keeps
// to the limits, so set them per instance.

interface Gate {
  active: number;
  waiting: (() => void)[];
  nextSlot: number; // ms epoch of the next free rate slot
}

export class TargetLimiter {
  private gates = new Map<number, Gate>();

  async run<T>(systemId: number, limits: { concurrency: number; ratePerSecond: number }, work: () => Promise<T>): Promise<T> {
    const gate = this.gate(systemId);
    while (gate.active >= limits.concurrency) await new Promise<void>((resolve) => gate.waiting.push(resolve));
    gate.active++;
    try {
      const now = Date.now();
      const slot = Math.max(now, gate.nextSlot);
      gate.nextSlot = slot + 1000 / limits.ratePerSecond;
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
