/** @module The seeds' deterministic PRNG (mulberry32): the same seed gives the same demo data. */

/** A source of numbers in [0, 1). */
export type Rng = () => number;

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `items`, drawn with `rng`. */
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** `x` rounded to 2 decimals. */
export const r2 = (x: number) => Math.round(x * 100) / 100;
