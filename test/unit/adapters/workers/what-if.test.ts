/** @module The what-if runner's worker thread: the same figures as the in-process what-if, a step budget, a time limit that stops the worker (and a fresh one after it), one run at a time with a bounded queue. */
import { afterAll, describe, expect, it } from 'vitest';
import { createWhatIfRunner } from '../../../../engine/adapters/workers/what-if.ts';
import { BatonError } from '../../../../engine/core/errors.ts';
import { runWhatIf } from '../../../../engine/core/scoring/what-if.ts';
import type { ScoreWhatIfTask, WhatIfProgress } from '../../../../engine/ports/what-if-runner.ts';
import { entry, fixtureRuleSet } from '../../core/scoring/performance-fixture.ts';

const entries = [
  entry('s1', 'a', '2026-03', { done: 80 }),
  entry('s1', 'b', '2026-03', { done: 50 }),
  entry('s2', 'b', '2026-03', { done: 50 }),
  entry('s1', 'c', '2026-03', { n: 3 }),
];

const codeOf = async (run: () => Promise<unknown>): Promise<string> => {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return error instanceof BatonError ? error.code : `not a BatonError: ${String(error)}`;
  }
};

let drafts = 0;
/** A task replaying `draft` over the entries, against the fixture as published. */
const task = (draft: ReturnType<typeof fixtureRuleSet>): ScoreWhatIfTask => ({
  published: { key: 'fixture@1', ruleSetId: 'fixture', number: 1, content: fixtureRuleSet() },
  draft: { key: `draft@${++drafts}`, ruleSetId: 'fixture', number: 1, content: draft },
  inputs: entries,
  periods: ['2026-03'],
});

/** Loops of 1000 × 100 over a substring search the step budget does not see (~40 s per evaluation). */
const slowRule = {
  if: [
    {
      some: [
        Array.from({ length: 1000 }, (_, i) => i),
        {
          some: [
            Array.from({ length: 100 }, (_, i) => i),
            { in: [`${'a'.repeat(30)}b`, { cat: ['a'.repeat(100_000), { var: 'current' }] }] },
          ],
        },
      ],
    },
    1,
    0,
  ],
};

const runner = createWhatIfRunner({ timeoutMs: 3000, chunk: 2 });
afterAll(() => runner.close());

describe('what-if runner (worker thread)', () => {
  it('gives the in-process figures and reports progress up to its total', async () => {
    const draft = fixtureRuleSet({ A: { weight: 0.5 }, B: { weight: 0.5 } });
    const seen: WhatIfProgress[] = [];
    const result = await runner.scores(task(draft), (p) => seen.push(p));
    expect(result).toEqual(
      runWhatIf({ published: fixtureRuleSet(), draft, sources: { derived: entries }, periods: ['2026-03'] }),
    );
    expect(result.units.find((u) => u.unitId === 's1')).toMatchObject({ before: 82, after: 80, delta: -2 });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);
  }, 120_000);

  it('fails a rule over the step budget with rule.budget_exceeded', async () => {
    const xs = Array.from({ length: 100_000 }, (_, i) => i % 10);
    const draft = fixtureRuleSet({
      a: {
        scoringRule: { reduce: [{ map: [xs, { reduce: [xs, { '+': [{ var: 'current' }, 1] }, 0] }] }, 1, 0] },
      },
    });
    expect(await codeOf(() => runner.scores(task(draft), () => {}))).toBe('rule.budget_exceeded');
  }, 120_000);

  it('stops a run at its time limit with whatIf.timeout, then runs the next one on a fresh worker', async () => {
    const slow = fixtureRuleSet({ a: { scoringRule: slowRule } });
    const started = performance.now();
    expect(await codeOf(() => runner.scores(task(slow), () => {}))).toBe('whatIf.timeout');
    expect(performance.now() - started).toBeGreaterThanOrEqual(2900);
    const again = await runner.scores(task(fixtureRuleSet()), () => {});
    expect(again.maxAbsDelta).toBe(0);
  }, 120_000);

  it('runs one what-if at a time and refuses more than its queue with whatIf.busy', async () => {
    const small = createWhatIfRunner({ timeoutMs: 3000, maxQueue: 1 });
    try {
      const slow = fixtureRuleSet({ a: { scoringRule: slowRule } });
      const first = codeOf(() => small.scores(task(slow), () => {}));
      const second = codeOf(() => small.scores(task(fixtureRuleSet()), () => {}));
      const third = codeOf(() => small.scores(task(fixtureRuleSet()), () => {}));
      expect(await third).toBe('whatIf.busy');
      expect(await first).toBe('whatIf.timeout');
      // The waiting run got the worker after the first was stopped.
      expect(await second).toBe('no error');
    } finally {
      await small.close();
    }
  }, 120_000);
});
