/** @module Seeds demo rule sets: each one created and submitted by `admin`, approved by `admin2`, published by `admin`. */
import { BatonError } from '../core/errors.ts';
import type { AppDeps } from './context.ts';
import type { Actor } from './permissions.ts';
import { approveVersion, createRuleSet, publishVersion, submitForReview } from './rule-sets.ts';

/** What happened to one seeded rule set. */
export interface SeededRuleSet {
  id: string;
  status: 'published' | 'draft' | 'skipped';
  /** Why it was not published. */
  reason?: string;
}

const adminActor = (username: string): Actor => ({
  kind: 'user',
  id: username,
  username,
  displayName: username,
  roles: ['admin'],
  unitId: null,
});

/**
 * Creates and publishes each rule set (the JSON files of `seeds/rulesets/`), in order, through the
 * same operations and audit records as the studio. A rule set with check errors stays a draft; one
 * that cannot be created (e.g. it exists) is skipped. Never throws on a BatonError.
 */
export async function seedRuleSets(
  deps: AppDeps,
  input: { ruleSets: readonly unknown[]; author?: string; approver?: string },
): Promise<SeededRuleSet[]> {
  const author = adminActor(input.author ?? 'admin');
  const approver = adminActor(input.approver ?? 'admin2');
  const results: SeededRuleSet[] = [];
  for (const ruleSet of input.ruleSets) {
    const id = String((ruleSet as { id?: unknown } | null)?.id ?? '?');
    let step = 'create';
    try {
      const draft = await createRuleSet(deps, { actor: author, ruleSet });
      const ref = { ruleSetId: draft.ruleSetId, number: draft.number };
      step = 'submit';
      await submitForReview(deps, { actor: author, ...ref });
      step = 'approve';
      await approveVersion(deps, { actor: approver, ...ref });
      step = 'publish';
      await publishVersion(deps, { actor: author, ...ref });
      results.push({ id, status: 'published' });
    } catch (error) {
      if (!(error instanceof BatonError)) throw error;
      results.push({
        id,
        status: step === 'create' ? 'skipped' : 'draft',
        reason: `${error.code}: ${error.message}`,
      });
    }
  }
  return results;
}
