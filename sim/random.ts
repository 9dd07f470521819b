// Deterministic randomness. The same seed gives the same traffic, so re-running the
// backfill sends the same event ids and ingest reports them as duplicates.
//
// Two tools: keyed hashes (`mix`, `unit`) for decisions that must not depend on what
// else was drawn before them (a scenario toggle must not reshuffle unrelated traffic),
// and a small stream generator (`Rng`) for the many draws inside one transaction.

export type Seed = number | string;

// murmur3's finaliser: a cheap 32-bit avalanche.
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Combines a hash with one more 32-bit key (order matters).
export function mix(h: number, key: number): number {
  return fmix32((Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + fmix32((key + 0x9e3779b9) | 0)) | 0);
}

// A uniform number in [0, 1) from a hash.
export function unit(h: number): number {
  return h / 4294967296;
}

export function seedHash(seed: Seed): number {
  if (typeof seed === "number")
    return fmix32((Math.floor(seed) ^ 0x5bd1e995) | 0) ^ fmix32(Math.floor(seed / 4294967296) | 0);
  let h = 0x811c9dc5; // FNV-1a over the UTF-16 code units
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

// mulberry32: one 32-bit state, fast, good enough for traffic shapes.
export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  // A child stream keyed by `salt`, independent of how much of this one was consumed.
  fork(salt: number): Rng {
    return new Rng(mix(this.seed, salt));
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  // An integer in [min, max], both included.
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("Rng.pick needs a non-empty list");
    return item;
  }

  // Log-normal around a median: latencies have a long right tail. The normal draw is an
  // Irwin-Hall sum (four uniforms), much cheaper than Box-Muller and close enough here.
  logNormal(median: number, sigma: number): number {
    const z = (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508;
    return median * Math.exp(sigma * z);
  }

  hex(chars: number): string {
    let s = "";
    while (s.length < chars) s += ((this.next() * 4294967296) >>> 0).toString(16).padStart(8, "0");
    return s.slice(0, chars);
  }
}

// 16 hex characters from a hash and an index (span ids), without a stream.
export function hex16(h: number, i: number): string {
  const a = mix(h, i);
  const b = mix(a, 0x51ed27);
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}
