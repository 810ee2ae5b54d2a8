/** @module Rule-set validate/check under a step budget: the work the worker (or, for small documents, the request) runs. */
import { issuesOf } from '../../app/rule-sets/issues.ts';
import { contentOf } from '../../app/rule-sets/shared.ts';
import { type Issue, RuleError } from '../../core/errors.ts';
import { runWithBudget, StepBudget } from '../../core/rule-language.ts';

/** The result of validating a rule set: `ok` is false when any issue is an error. */
export interface RuleSetCheckResult {
  ok: boolean;
  issues: Issue[];
}

/** Steps every rule evaluated while checking one posted rule set may take together (embedded tests). */
export const RULESET_CHECK_STEPS = 5_000_000;

const budgetExceeded = (limit: number) =>
  new RuleError(
    'rule.budget_exceeded',
    {
      en: `Checking this rule set takes too much work: its embedded tests exceeded the budget of ${limit} steps (loop iterations). Make loops smaller or avoid nesting them over large arrays.`,
      zh: `检查该规则集的计算量过大：内嵌测试超过了 ${limit} 步（循环迭代）的预算。请缩小循环规模，或避免在大数组上嵌套循环。`,
    },
    { details: { limit } },
  );

/**
 * Validates and checks a posted rule set like `validateRuleSet`, with one step budget shared by
 * every rule the check evaluates. Throws RuleError `rule.budget_exceeded` (422) when the budget
 * ran out, even though the check records each failed test as an issue.
 */
export function checkRuleSetBounded(raw: unknown, steps = RULESET_CHECK_STEPS): RuleSetCheckResult {
  const content = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? contentOf(raw) : raw;
  const budget = new StepBudget(steps);
  const issues = runWithBudget(budget, () => issuesOf(content));
  if (budget.exceeded) throw budgetExceeded(steps);
  return { ok: !issues.some((issue) => issue.severity !== 'warning'), issues };
}
