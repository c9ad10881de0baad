/**
 * A small seeded pseudo-random generator for the demo data, so a given day
 * always gives the same organisation. Never use it for secrets (ids, tokens,
 * passwords come from `crypto` in db/ids.ts).
 *
 * Each part of the demo takes its own stream (`demoRandom("surveys")`), so
 * adding history to one part never shifts the numbers another part draws.
 */

/** The fixed seed of the demo organisation. Changing it changes every demo story's details. */
export const DEMO_SEED = 20_240_601;

/**
 * mulberry32: a 32-bit generator, tiny and good enough for sample data.
 * @example const next = mulberry32(1); next(); // 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits: turns a stream's label into a number to mix into the seed. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates); the input is not changed. */
  shuffle<T>(items: readonly T[]): T[];
}

/** Wraps a generator with the helpers seed code needs. */
export function randomFrom(next: () => number): Random {
  const int = (min: number, max: number) => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`bad range ${min}..${max}`);
    return min + Math.floor(next() * (max - min + 1));
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[int(0, items.length - 1)]!;
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

/**
 * The demo's stream called `label`, from the fixed seed.
 * @example demoRandom("directory").int(1, 6) // the same number on every run
 */
export function demoRandom(label: string, seed: number = DEMO_SEED): Random {
  return randomFrom(mulberry32((seed ^ hashLabel(label)) >>> 0));
}
