/** @module Building bench results: a baseline measured on its own, and a result compared with a baseline of the same run. */
import type { BenchResult } from '../types.ts';

/** A result with no baseline of its own (a baseline itself, or an absolute figure with an optional goal). */
export function measured(name: string, value: number, unit: string, goal?: string): BenchResult {
  return { name, value, unit, baseline: null, ratio: null, ...(goal ? { goal } : {}) };
}

/** A result compared with the baseline named `baseline`: ratio = value / `baselineValue` (the divisor, which the caller may floor). */
export function compared(
  name: string,
  value: number,
  unit: string,
  baseline: string,
  baselineValue: number,
  goal?: string,
): BenchResult {
  return { name, value, unit, baseline, ratio: value / baselineValue, ...(goal ? { goal } : {}) };
}
