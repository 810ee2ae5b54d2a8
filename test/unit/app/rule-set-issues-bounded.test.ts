/** @module Rule-set issues on the event loop: embedded tests share a small size-aware budget, and issues are cached per key. */
import { describe, expect, it } from 'vitest';
import { boundedIssuesOf, ISSUES_STEPS, issuesOf } from '../../../engine/app/rule-sets/issues.ts';

function ruleSet(id: string, rule: unknown, expected: unknown): Record<string, unknown> {
  return {
    kind: 'ruleSet',
    id,
    schemaVersion: 1,
    name: { zh: '内嵌测试', en: 'Embedded tests' },
    period: { from: '2027-01-01', to: '2027-12-31' },
    documents: [
      {
        kind: 'scoringRule',
        id: 'score-x',
        schemaVersion: 1,
        name: { zh: '计分', en: 'Score' },
        rule,
        tests: [{ name: 't', input: { entry: { done: 3 } }, expected }],
      },
    ],
  };
}

/** 1e5 searches of a 100,000-character text: minutes of work, 1e5 loop steps. */
const hostile = {
  some: [
    Array.from({ length: 1000 }, (_, i) => i),
    {
      some: [
        Array.from({ length: 100 }, (_, i) => i),
        { in: ['ab', { cat: ['a'.repeat(100_000), { var: 'current' }] }] },
      ],
    },
  ],
};

describe('boundedIssuesOf', () => {
  it('stops hostile embedded tests at the budget with one rule.budget_exceeded issue', () => {
    const started = performance.now();
    const issues = boundedIssuesOf(ruleSet('hostile', hostile, false));
    expect(performance.now() - started).toBeLessThan(5000);
    const budget = issues.filter((i) => i.code === 'rule.budget_exceeded');
    expect(budget).toHaveLength(1);
    expect(budget[0]).toMatchObject({ path: '', severity: 'error' });
    expect(budget[0]!.message).toContain(String(ISSUES_STEPS));
    expect(budget[0]!.messageZh).toContain('预算');
  });

  it('gives the same issues as issuesOf for ordinary content', () => {
    const content = ruleSet('ordinary', { '*': [{ var: 'entry.done' }, 2] }, 7);
    const issues = boundedIssuesOf(content);
    expect(issues).toEqual(issuesOf(content));
    expect(issues.map((i) => i.code)).toContain('scoringRule.test_failed');
  });

  it('caches by key: a second call with the same key does not check again', () => {
    const key = `cache-test@1#1:${Math.random()}`;
    const failing = ruleSet('cached', { '*': [{ var: 'entry.done' }, 2] }, 7);
    const first = boundedIssuesOf(failing, key);
    expect(first.some((i) => i.code === 'scoringRule.test_failed')).toBe(true);
    // Different content under the same key: the cached issues come back (keys name fixed content).
    const passing = ruleSet('cached', { '*': [{ var: 'entry.done' }, 2] }, 6);
    expect(boundedIssuesOf(passing, key)).toEqual(first);
    expect(boundedIssuesOf(passing).some((i) => i.code === 'scoringRule.test_failed')).toBe(false);
  });
});
