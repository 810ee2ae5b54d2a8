/** @module Validating and checking a rule set without saving it. */
import type { Issue } from '../../core/errors.ts';
import type { AppDeps } from '../context.ts';
import { contentOf, isError } from './shared.ts';
import { boundedIssuesOf } from './issues.ts';

/** Validates and checks a rule set without saving it; `ok` is false when any issue is an error. */
export async function validateRuleSet(
  _deps: AppDeps,
  input: { ruleSet: unknown },
): Promise<{ ok: boolean; issues: Issue[] }> {
  const content =
    typeof input.ruleSet === 'object' && input.ruleSet !== null && !Array.isArray(input.ruleSet)
      ? contentOf(input.ruleSet)
      : input.ruleSet;
  const issues = boundedIssuesOf(content);
  return { ok: !issues.some(isError), issues };
}
