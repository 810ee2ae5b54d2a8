/** @module The issues of a rule set (schema, then cross-document check), bounded by a step budget and cached by version revision. */
import type { RuleSet } from '../../../schemas/types.gen.ts';
import type { Issue } from '../../core/errors.ts';
import { runWithBudget, StepBudget } from '../../core/rule-language.ts';
import { check } from '../../core/ruleset/check.ts';
import { validate } from '../../core/ruleset/validate.ts';

/**
 * Schema issues of a rule set, or (once the schema passes) the cross-document check issues.
 * Never throws.
 */
export function issuesOf(content: unknown): Issue[] {
  const result = validate('ruleSet', content);
  if (!result.ok) return result.issues;
  return check(result.value as RuleSet);
}

/**
 * Steps the rules of one rule set's embedded tests may take together when its issues are computed
 * on the event loop (save, document edits, reads, submit, validate): the checker worker's budget,
 * a fraction of a second of work since steps are size-aware. Beyond it the remaining tests stop
 * and one more issue, `rule.budget_exceeded`, says so.
 */
export const ISSUES_STEPS = 5_000_000;

/**
 * Issues by version, revision and content hash (`issuesKey`), most recently used last: reading a
 * version does not run its tests again.
 */
const issuesCache = new Map<string, readonly Issue[]>();
const ISSUES_CACHE_SIZE = 64;
/** Characters of issue texts beyond which one version's issues are not cached. */
const ISSUES_CACHE_TEXT = 1_000_000;

const budgetIssue = (steps: number): Issue => ({
  path: '',
  code: 'rule.budget_exceeded',
  message: `The embedded tests do too much work: together they exceeded the budget of ${steps} steps, so the remaining tests stopped. Make loops smaller or avoid nesting them over large arrays.`,
  messageZh: `内嵌测试的计算量过大：合计超过了 ${steps} 步的预算，其余测试已停止。请缩小循环规模，或避免在大数组上嵌套循环。`,
  severity: 'error',
});

/**
 * `issuesOf` bounded for the event loop: every rule it evaluates shares one budget of
 * `ISSUES_STEPS` (not the request's), and running out adds a `rule.budget_exceeded` issue instead
 * of failing. With a `key` (see `issuesKey`) the issues are cached.
 */
export function boundedIssuesOf(content: unknown, key?: string): Issue[] {
  if (key !== undefined) {
    const hit = issuesCache.get(key);
    if (hit !== undefined) {
      issuesCache.delete(key);
      issuesCache.set(key, hit);
      return [...hit];
    }
  }
  const budget = new StepBudget(ISSUES_STEPS);
  const issues = runWithBudget(budget, () => issuesOf(content));
  if (budget.exceeded) issues.push(budgetIssue(ISSUES_STEPS));
  // Not cached when the issues' texts are huge (a failed test quotes the rule's result, which can
  // be a long text): 64 of those would hold a lot of memory.
  const size = issues.reduce((n, i) => n + i.message.length + (i.messageZh?.length ?? 0), 0);
  if (key !== undefined && size <= ISSUES_CACHE_TEXT) {
    issuesCache.set(key, Object.freeze([...issues]));
    if (issuesCache.size > ISSUES_CACHE_SIZE) issuesCache.delete(issuesCache.keys().next().value!);
  }
  return issues;
}

/** The cache key of a version's issues: its content is fixed for a (version, revision), the hash makes sure. */
export const issuesKey = (v: {
  ruleSetId: string;
  number: number;
  revision: number;
  sha256: string;
}): string => `${v.ruleSetId}@${v.number}#${v.revision}:${v.sha256}`;
