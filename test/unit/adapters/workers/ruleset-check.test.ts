/** @module Rule-set checks under a step budget, inline and in the worker thread (with its timeout). */
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkRuleSetBounded,
  createRuleSetChecker,
} from '../../../../engine/adapters/workers/ruleset-check.ts';
import { RuleError } from '../../../../engine/core/errors.ts';
import { fixtureRuleSet, hostileRuleSet } from '../../../support/hostile-rule-set.ts';

const codeOf = async (run: () => unknown): Promise<string> => {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return error instanceof RuleError ? error.code : `not a RuleError: ${String(error)}`;
  }
};

const checker = createRuleSetChecker({ timeoutMs: 20_000 });
afterAll(() => checker.close());

describe('bounded rule-set check', () => {
  it('checks a good rule set inline and refuses a hostile one with rule.budget_exceeded', async () => {
    expect(checkRuleSetBounded(fixtureRuleSet())).toEqual({ ok: true, issues: [] });
    expect(await codeOf(() => checkRuleSetBounded(hostileRuleSet()))).toBe('rule.budget_exceeded');
  });

  it('gives the same answers from the worker thread', async () => {
    expect(await checker.check(fixtureRuleSet())).toEqual({ ok: true, issues: [] });
    expect(await codeOf(() => checker.check(hostileRuleSet()))).toBe('rule.budget_exceeded');
    const broken = await checker.check({ ...fixtureRuleSet(), documents: 'no' });
    expect(broken.ok).toBe(false);
    expect(broken.issues.length).toBeGreaterThan(0);
    // A non-object is refused as in validateRuleSet.
    expect((await checker.check([])).ok).toBe(false);
  }, 120_000);

  it('stops a check that outlives its timeout with ruleset.check_timeout, then works again', async () => {
    // A budget so large that the hostile check runs until the timeout stops it.
    const slow = createRuleSetChecker({ timeoutMs: 3000, steps: Number.MAX_SAFE_INTEGER });
    try {
      expect((await slow.check(fixtureRuleSet())).ok).toBe(true);
      expect(await codeOf(() => slow.check(hostileRuleSet()))).toBe('ruleset.check_timeout');
      expect((await slow.check(fixtureRuleSet())).ok).toBe(true);
    } finally {
      await slow.close();
    }
  }, 120_000);
});
