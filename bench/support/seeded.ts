/** @module Deterministic pseudo-random numbers for bench data (a linear congruential generator), so every run measures the same inputs. */

/** Numbers in [0, 1) from `seed`, the same sequence on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}
