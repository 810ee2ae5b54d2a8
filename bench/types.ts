/**
 * @module Contract of a benchmark file. `bench/run.ts` imports every `bench/*.bench.ts` in name
 * order and runs its suite: the default export, or else a named export `suite`, of type `BenchSuite`.
 */

export interface BenchResult {
  /** Benchmark name, e.g. `logic.compiled-js`. */
  name: string;
  /** Measured value (lower is better unless the unit says otherwise). */
  value: number;
  /** Unit of `value`, e.g. `ms`, `us/op`, `s`. */
  unit: string;
  /** Name of the baseline measured in the same run, or null for a baseline itself. */
  baseline: string | null;
  /** value / baseline value, or null. */
  ratio: number | null;
  /** Optional goal text, e.g. `<= 1.3x`. */
  goal?: string;
}

export interface BenchSuite {
  name: string;
  /** Runs the suite and returns its results; must check results equal across implementations. */
  run(): Promise<BenchResult[]> | BenchResult[];
}

export type { BenchSuite as default };
