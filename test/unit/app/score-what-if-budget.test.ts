/** @module A what-if run on the event loop (no worker wired) stops with rule.budget_exceeded instead of answering with the partial figures of error cells. */
import { describe, expect, it } from 'vitest';
import { driveWhatIf } from '../../../engine/app/score-what-if.ts';
import { BatonError } from '../../../engine/core/errors.ts';
import { startWhatIf } from '../../../engine/core/scoring/what-if.ts';
import { entry, fixtureRuleSet } from '../core/scoring/performance-fixture.ts';

const entries = [
  entry('s1', 'a', '2026-03', { done: 80 }),
  entry('s1', 'b', '2026-03', { done: 50 }),
  entry('s2', 'b', '2026-03', { done: 50 }),
];

const run = (draft: ReturnType<typeof fixtureRuleSet>) =>
  startWhatIf({ published: fixtureRuleSet(), draft, sources: { entries }, periods: ['2026-03'] });

describe('driveWhatIf step budget', () => {
  it('computes an ordinary draft', async () => {
    const result = await driveWhatIf(run(fixtureRuleSet()));
    expect(result.maxAbsDelta).toBe(0);
    expect(result.units.length).toBeGreaterThan(0);
  });

  it('fails a draft over the budget with rule.budget_exceeded (a scoring rule of 1000 × 1000 steps, budget 100k)', async () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i % 10);
    const draft = fixtureRuleSet({
      a: {
        scoringRule: { reduce: [{ map: [xs, { reduce: [xs, { '+': [{ var: 'current' }, 1] }, 0] }] }, 1, 0] },
      },
    });
    const error = await driveWhatIf(run(draft), () => {}, 100_000).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BatonError);
    expect((error as BatonError).code).toBe('rule.budget_exceeded');
    expect((error as BatonError).text.zh).toContain('模拟测算');
  });
});
