/** @module Rule-language benchmark: a reference scoring rule against hand-written JS and other engines. */
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { compile, compileTraced } from '../engine/core/rule-language.ts';
import type { BenchResult, BenchSuite } from './types.ts';

interface Sample {
  actual: number;
  target: number;
  bonus: number;
}

const ratio = { '/': [{ var: 'actual' }, { var: 'target' }] };

/** Piecewise points on actual/target plus a bonus of 2 per item capped at 10; standard operators only. */
export const referenceRule = {
  '+': [
    {
      if: [
        { '>=': [ratio, 1] },
        80,
        { '>=': [ratio, 0.8] },
        { '+': [60, { '*': [{ '-': [ratio, 0.8] }, 100] }] },
        { '>=': [ratio, 0.5] },
        { '+': [30, { '*': [{ '-': [ratio, 0.5] }, 100] }] },
        { '*': [ratio, 60] },
      ],
    },
    { min: [{ '*': [{ var: 'bonus' }, 2] }, 10] },
  ],
};

/** The same rule written by hand: the baseline. */
function handWritten(d: Sample): number {
  const r = d.actual / d.target;
  const points = r >= 1 ? 80 : r >= 0.8 ? 60 + (r - 0.8) * 100 : r >= 0.5 ? 30 + (r - 0.5) * 100 : r * 60;
  return points + Math.min(d.bonus * 2, 10);
}

const EVALUATIONS = 1_000_000;
const ROUNDS = 5;

function samples(): Sample[] {
  // Deterministic pseudo-random data covering every branch.
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Array.from({ length: 1000 }, () => ({
    actual: Math.round(next() * 1200) / 10,
    target: 50 + Math.round(next() * 500) / 10,
    bonus: Math.floor(next() * 8),
  }));
}

type Loop = (fn: (d: Sample) => unknown, data: Sample[], passes: number) => number;

/** A fresh copy of the timing loop per implementation, so no call site is shared (megamorphic). */
function freshLoop(): Loop {
  return new Function(
    'fn',
    'data',
    'passes',
    'let sink = 0; for (let p = 0; p < passes; p++) { for (let i = 0; i < data.length; i++) sink += fn(data[i]); } return sink;',
  ) as Loop;
}

function timeBest(fn: (d: Sample) => unknown, data: Sample[], rounds: number): number {
  const loop = freshLoop();
  const passes = EVALUATIONS / data.length;
  let sink = loop(fn, data, 20);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    sink += loop(fn, data, passes);
    best = Math.min(best, performance.now() - start);
  }
  if (Number.isNaN(sink)) throw new Error('benchmark produced NaN');
  return best;
}

function sameResults(name: string, fn: (d: Sample) => unknown, data: Sample[]): void {
  for (const d of data) {
    const expected = handWritten(d);
    const actual = fn(d) as number;
    if (!(Math.abs(actual - expected) <= 1e-9)) {
      throw new Error(`${name} disagrees on ${JSON.stringify(d)}: ${actual} vs ${expected}`);
    }
  }
}

/** The logic suite: 1M evaluations per implementation, best of several rounds. */
export const suite: BenchSuite = {
  name: 'logic',
  run(): BenchResult[] {
    const data = samples();
    const engine = new LogicEngine();
    const jsCompiled = compile(referenceRule, { backend: 'js' });
    const closureCompiled = compile(referenceRule, { backend: 'closure' });
    const traced = compileTraced(referenceRule, { backend: 'js' });
    const engineBuilt = engine.build(referenceRule) as (d: unknown) => unknown;
    const impls: { name: string; fn: (d: Sample) => unknown; rounds: number; goal?: string }[] = [
      { name: 'logic.hand-written', fn: handWritten, rounds: ROUNDS },
      {
        name: 'logic.compiled-js',
        fn: jsCompiled as (d: Sample) => unknown,
        rounds: ROUNDS,
        goal: '<= 1.3x',
      },
      { name: 'logic.compiled-closure', fn: closureCompiled as (d: Sample) => unknown, rounds: ROUNDS },
      { name: 'logic.compiled-js-trace', fn: (d) => traced(d).result, rounds: ROUNDS, goal: '<= 3x' },
      { name: 'logic.json-logic-engine', fn: engineBuilt, rounds: ROUNDS },
      { name: 'logic.json-logic-js', fn: (d) => jsonLogic.apply(referenceRule as never, d), rounds: 2 },
    ];
    for (const impl of impls) sameResults(impl.name, impl.fn, data);
    const results: BenchResult[] = [];
    let baseline = 0;
    for (const impl of impls) {
      const value = timeBest(impl.fn, data, impl.rounds);
      const isBaseline = impl.name === 'logic.hand-written';
      if (isBaseline) baseline = value;
      results.push({
        name: impl.name,
        value,
        unit: 'ms/1M',
        baseline: isBaseline ? null : 'logic.hand-written',
        ratio: isBaseline ? null : value / baseline,
        ...(impl.goal ? { goal: impl.goal } : {}),
      });
    }
    return results;
  },
};
