/** @module Seeds demo rule sets: each one created and submitted by `admin`, approved by `admin2`, published by `admin`. */
import { BatonError } from '../core/errors.ts';
import type { AppDeps } from './context.ts';
import { type Actor, userActor } from './permissions.ts';
import { approveVersion } from './rule-sets/approve-version.ts';
import { createRuleSet } from './rule-sets/create-rule-set.ts';
import { publishVersion } from './rule-sets/publish-version.ts';
import { submitForReview } from './rule-sets/submit-for-review.ts';

/** What happened to one seeded rule set. */
export interface SeededRuleSet {
  id: string;
  status: 'published' | 'draft' | 'skipped';
  /** Why it was not published. */
  reason?: string;
}

const adminActor = (username: string): Actor => userActor(username, ['admin']);

type RawRuleSet = { id?: unknown; partOf?: unknown; documents?: unknown[]; calendars?: unknown[] } & Record<
  string,
  unknown
>;

/**
 * Merges partial rule-set files into the rule set they belong to: a file with `"partOf": "X"`
 * contributes its `documents` (and `calendars`) to the file whose `id` is X, in input order, before
 * anything is validated or published. Calendars named by a merged SLA policy's `calendarId` are
 * taken from `calendars` (e.g. seeds/calendars/) when the rule set does not carry them. A part whose
 * target is missing stays on its own (it then usually fails check and stays a draft). Pure.
 */
export function mergeRuleSetParts(
  ruleSets: readonly unknown[],
  options: { calendars?: readonly unknown[] } = {},
): unknown[] {
  const byId = new Map<string, RawRuleSet>();
  const out: RawRuleSet[] = [];
  for (const raw of ruleSets) {
    const rs = raw as RawRuleSet | null;
    if (rs === null || typeof rs !== 'object' || typeof rs.partOf === 'string') continue;
    const copy: RawRuleSet = { ...rs, documents: [...(rs.documents ?? [])] };
    if (typeof rs.id === 'string') byId.set(rs.id, copy);
    out.push(copy);
  }
  for (const raw of ruleSets) {
    const rs = raw as RawRuleSet | null;
    if (rs === null || typeof rs !== 'object' || typeof rs.partOf !== 'string') continue;
    const target = byId.get(rs.partOf);
    if (!target) {
      const { partOf: _partOf, ...alone } = rs;
      out.push(alone);
      continue;
    }
    target.documents = [...(target.documents ?? []), ...(rs.documents ?? [])];
    if (rs.calendars) target.calendars = [...(target.calendars ?? []), ...rs.calendars];
  }
  for (const rs of out) {
    const carried = new Set((rs.calendars ?? []).map((c) => (c as { id?: unknown }).id));
    for (const doc of rs.documents ?? []) {
      const calendarId = (doc as { kind?: unknown; calendarId?: unknown }).calendarId;
      if ((doc as { kind?: unknown }).kind !== 'slaPolicy' || carried.has(calendarId)) continue;
      const calendar = options.calendars?.find((c) => (c as { id?: unknown }).id === calendarId);
      if (calendar) {
        rs.calendars = [...(rs.calendars ?? []), calendar];
        carried.add(calendarId);
      }
    }
  }
  return out;
}

/**
 * Creates and publishes each rule set (the JSON files of `seeds/rulesets/`, parts merged by
 * {@link mergeRuleSetParts}), in order, through the
 * same operations and audit records as the studio. A rule set with check errors stays a draft; one
 * that cannot be created (e.g. it exists) is skipped. Never throws on a BatonError.
 */
export async function seedRuleSets(
  deps: AppDeps,
  input: { ruleSets: readonly unknown[]; calendars?: readonly unknown[]; author?: string; approver?: string },
): Promise<SeededRuleSet[]> {
  const author = adminActor(input.author ?? 'admin');
  const approver = adminActor(input.approver ?? 'admin2');
  const results: SeededRuleSet[] = [];
  for (const ruleSet of mergeRuleSetParts(input.ruleSets, { calendars: input.calendars ?? [] })) {
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
