/** @module Step budget: loops charge their work; an exhausted budget stops with `rule.budget_exceeded` on both back ends. */
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../../../engine/core/errors.ts';
import {
  compile,
  compileTraced,
  DEFAULT_MAX_STEPS,
  runWithBudget,
  setAmbientBudget,
  StepBudget,
} from '../../../../engine/core/rule-language.ts';

function errorOf(run: () => unknown): RuleError | string {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof RuleError ? error : `not a RuleError: ${String(error)}`;
  }
}

/**
 * map over `xs` of (reduce over each item, counting). Steps: the map body (a reduce reading `var`
 * with a constant) weighs 3, the reduce body (`+` of a `var` and a constant) 3; a loop charges
 * weight × items + 1. With xs = three arrays of three: map 3×3+1, each reduce 3×3+1: 40.
 */
const nestedLoops = {
  map: [{ var: 'xs' }, { reduce: [{ var: '' }, { '+': [{ var: 'accumulator' }, 1] }, 0] }],
};
const three = {
  xs: [
    [1, 2, 3],
    [1, 2, 3],
    [1, 2, 3],
  ],
};

describe('step budget', () => {
  for (const backend of ['js', 'closure'] as const) {
    it(`stops nested loops over large arrays with rule.budget_exceeded (${backend})`, () => {
      // 1e5 × 1e5 = 1e10 steps over constant arrays: without a budget this runs for minutes.
      const xs = Array.from({ length: 100_000 }, (_, i) => i);
      const rule = compile(
        { map: [xs, { reduce: [xs, { '+': [{ var: 'accumulator' }, { var: 'current' }] }, 0] }] },
        { backend },
      );
      const error = errorOf(() => rule(null));
      expect(error).toBeInstanceOf(RuleError);
      expect((error as RuleError).code).toBe('rule.budget_exceeded');
      expect((error as RuleError).text.zh).toContain('预算');
      expect((error as RuleError).text.en).toContain(String(DEFAULT_MAX_STEPS));
    });

    it(`counts loop iterations against maxSteps and ctx.budget (${backend})`, () => {
      const within = compile(nestedLoops, { backend, maxSteps: 40 });
      expect(within(three)).toEqual([3, 3, 3]);
      const over = compile(nestedLoops, { backend, maxSteps: 39 });
      expect((errorOf(() => over(three)) as RuleError).code).toBe('rule.budget_exceeded');
      // A per-call number overrides maxSteps.
      expect((errorOf(() => within(three, { budget: 10 })) as RuleError).code).toBe('rule.budget_exceeded');
      expect(over(three, { budget: 100 })).toEqual([3, 3, 3]);
    });

    it(`shares one StepBudget across evaluations (${backend})`, () => {
      const fn = compile(nestedLoops, { backend });
      const budget = new StepBudget(100);
      expect(fn(three, { budget })).toEqual([3, 3, 3]);
      expect(budget.remaining).toBe(60);
      expect(fn(three, { budget })).toEqual([3, 3, 3]);
      expect(budget.exceeded).toBe(false);
      expect((errorOf(() => fn(three, { budget })) as RuleError).code).toBe('rule.budget_exceeded');
      expect(budget.exceeded).toBe(true);
      // Once exhausted, every later evaluation stops at once.
      expect((errorOf(() => fn({ xs: [] }, { budget })) as RuleError).code).toBe('rule.budget_exceeded');
    });

    it(`runWithBudget bounds every evaluation inside it, whatever the call site (${backend})`, () => {
      const fn = compile(nestedLoops, { backend });
      const budget = new StepBudget(50);
      const results = runWithBudget(budget, () => [fn(three), errorOf(() => fn({ xs: [[1, 2, 3]] }))]);
      expect(results[0]).toEqual([3, 3, 3]);
      expect((results[1] as RuleError).code).toBe('rule.budget_exceeded');
      expect(budget.exceeded).toBe(true);
      // Outside, the default budget applies again.
      expect(fn({ xs: [[1]] })).toEqual([1]);
    });

    it(`charges merge and the traced variant (${backend})`, () => {
      const merged = compile({ merge: [{ var: 'a' }, { var: 'a' }] }, { backend, maxSteps: 5 });
      expect(merged({ a: [1, 2] })).toEqual([1, 2, 1, 2]);
      expect((errorOf(() => merged({ a: [1, 2, 3] })) as RuleError).code).toBe('rule.budget_exceeded');
      const traced = compileTraced(nestedLoops, { backend, maxSteps: 39 });
      expect((errorOf(() => traced(three)) as RuleError).code).toBe('rule.budget_exceeded');
      expect(compileTraced(nestedLoops, { backend, maxSteps: 40 })(three).result).toEqual([3, 3, 3]);
    });

    it(`charges a loop body's constant arrays and operators per item (${backend})`, () => {
      // arr_sum over a constant array of 1000 inside a map over 1000 items: 1e6 steps of work.
      const big = Array.from({ length: 1000 }, (_, i) => i);
      const fn = compile({ map: [{ var: 'xs' }, { arr_sum: [big] }] }, { backend, maxSteps: 500_000 });
      expect((errorOf(() => fn({ xs: big })) as RuleError).code).toBe('rule.budget_exceeded');
      expect(fn({ xs: [1, 2] })).toEqual([499500, 499500]);
    });

    it(`rules without loops need no budget (${backend})`, () => {
      const fn = compile({ '+': [{ var: 'a' }, 1] }, { backend, maxSteps: 0 });
      expect(fn({ a: 1 })).toBe(2);
    });
  }

  it('draws on the ambient budget when the evaluation names none', () => {
    const ambient = new StepBudget(50);
    setAmbientBudget(() => ambient);
    try {
      const fn = compile(nestedLoops);
      expect(fn(three)).toEqual([3, 3, 3]);
      expect(ambient.remaining).toBe(10);
      expect((errorOf(() => fn(three)) as RuleError).code).toBe('rule.budget_exceeded');
      // A budget of the caller's own still wins.
      expect(fn(three, { budget: 40 })).toEqual([3, 3, 3]);
    } finally {
      setAmbientBudget(null);
    }
    expect(compile(nestedLoops)(three)).toEqual([3, 3, 3]);
  });

  it('refuses a negative maxSteps', () => {
    expect((errorOf(() => compile(1, { maxSteps: -1 })) as RuleError).code).toBe('logic.invalid_options');
  });
});
