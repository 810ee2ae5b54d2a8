/** @module Saving a draft: optimistic concurrency on the revision, issues kept with the save, and only drafts editable. */
import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../../../engine/core/errors.ts';
import { createRuleSet } from '../../../../engine/app/rule-sets/create-rule-set.ts';
import { getVersion } from '../../../../engine/app/rule-sets/get-version.ts';
import { replaceDraftContent } from '../../../../engine/app/rule-sets/replace-draft-content.ts';
import { submitForReview } from '../../../../engine/app/rule-sets/submit-for-review.ts';
import { admin, districtContent, memoryDeps } from './support.ts';

const ref = { ruleSetId: 'district-2026', number: 1 };

describe('replaceDraftContent', () => {
  it('saves new content at the loaded revision and moves the revision on', async () => {
    const deps = memoryDeps();
    const created = await createRuleSet(deps, { actor: admin('admin'), ruleSet: districtContent() });
    expect(created).toMatchObject({ ...ref, status: 'draft', revision: 1 });

    const renamed = { ...districtContent(), name: { en: 'Renamed', zh: '改名' } };
    const saved = await replaceDraftContent(deps, {
      actor: admin('admin'),
      ...ref,
      ifRevision: 1,
      content: renamed,
    });
    expect(saved.revision).toBe(2);
    expect(saved.name).toEqual({ en: 'Renamed', zh: '改名' });
    expect(saved.sha256).not.toBe(created.sha256);
    const read = await getVersion(deps, { actor: admin('auditor'), ...ref });
    expect(read).toMatchObject({ revision: 2, sha256: saved.sha256, name: saved.name });
  });

  it('refuses a save from a stale revision with ruleset.revision_conflict', async () => {
    const deps = memoryDeps();
    await createRuleSet(deps, { actor: admin('admin'), ruleSet: districtContent() });
    await replaceDraftContent(deps, {
      actor: admin('admin'),
      ...ref,
      ifRevision: 1,
      content: districtContent(),
    });
    const stale = replaceDraftContent(deps, {
      actor: admin('admin2'),
      ...ref,
      ifRevision: 1,
      content: districtContent(),
    });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({
      code: 'ruleset.revision_conflict',
      details: { expected: 1, actual: 2 },
    });
  });

  it('refuses content naming another rule set, and edits once the draft is in review', async () => {
    const deps = memoryDeps();
    await createRuleSet(deps, { actor: admin('admin'), ruleSet: districtContent() });
    await expect(
      replaceDraftContent(deps, {
        actor: admin('admin'),
        ...ref,
        ifRevision: 1,
        content: { ...districtContent(), id: 'other' },
      }),
    ).rejects.toMatchObject({ code: 'ruleset.id_mismatch' });
    await expect(
      replaceDraftContent(deps, { actor: admin('admin'), ...ref, ifRevision: 1, content: { id: 'other' } }),
    ).rejects.toBeInstanceOf(ValidationError);

    const submitted = await submitForReview(deps, { actor: admin('admin'), ...ref });
    expect(submitted.status).toBe('inReview');
    await expect(
      replaceDraftContent(deps, {
        actor: admin('admin'),
        ...ref,
        ifRevision: submitted.revision,
        content: districtContent(),
      }),
    ).rejects.toMatchObject({ code: 'ruleset.not_draft' });
  });
});
