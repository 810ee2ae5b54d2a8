/** @module Submit, approve and publish: the four-eyes rule (its refusal audited on its own), status order, the version in force. */
import { describe, expect, it } from 'vitest';
import { APPROVE_REFUSED_AUDIT_ACTION, listAudit } from '../../../../engine/app/audit.ts';
import { approveVersion } from '../../../../engine/app/rule-sets/approve-version.ts';
import { createDraft } from '../../../../engine/app/rule-sets/create-draft.ts';
import { createRuleSet } from '../../../../engine/app/rule-sets/create-rule-set.ts';
import { getActiveRuleSet } from '../../../../engine/app/rule-sets/get-active-rule-set.ts';
import { publishVersion } from '../../../../engine/app/rule-sets/publish-version.ts';
import { submitForReview } from '../../../../engine/app/rule-sets/submit-for-review.ts';
import { PermissionError } from '../../../../engine/core/errors.ts';
import { admin, districtContent, memoryDeps } from './support.ts';

const ref = { ruleSetId: 'district-2026', number: 1 };

describe('the four-eyes rule', () => {
  it('refuses approval by the author or submitter and records the refused attempt', async () => {
    const deps = memoryDeps();
    await createRuleSet(deps, { actor: admin('admin'), ruleSet: districtContent() });
    await submitForReview(deps, { actor: admin('admin2'), ...ref });

    for (const who of ['admin', 'admin2']) {
      const attempt = approveVersion(deps, { actor: admin(who), ...ref });
      await expect(attempt).rejects.toBeInstanceOf(PermissionError);
      await expect(attempt).rejects.toMatchObject({
        code: 'ruleset.four_eyes',
        details: { createdBy: 'admin', submittedBy: 'admin2' },
      });
    }
    const refused = await listAudit(deps, { action: APPROVE_REFUSED_AUDIT_ACTION });
    expect(refused.items.map((r) => r.actor).sort()).toEqual(['admin', 'admin2']);
    expect(refused.items.every((r) => r.target === 'ruleSet:district-2026@1')).toBe(true);
    // The refusal rolled back: the version is still in review, unapproved.
    const approved = await approveVersion(deps, { actor: admin('admin3'), ...ref, comment: 'ok' });
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'admin3', submittedBy: 'admin2' });
  });
});

describe('publishing', () => {
  it('needs an approved version, then puts it in force for the content period', async () => {
    const deps = memoryDeps();
    await createRuleSet(deps, { actor: admin('admin'), ruleSet: districtContent() });
    await expect(publishVersion(deps, { actor: admin('admin'), ...ref })).rejects.toMatchObject({
      code: 'ruleset.wrong_status',
      details: { status: 'draft', allowed: ['approved'] },
    });
    await submitForReview(deps, { actor: admin('admin'), ...ref });
    await approveVersion(deps, { actor: admin('admin2'), ...ref });
    expect(await getActiveRuleSet(deps, { at: '2026-06-01', ruleSetId: 'district-2026' })).toBeNull();

    const published = await publishVersion(deps, { actor: admin('admin'), ...ref });
    expect(published).toMatchObject({
      status: 'published',
      publishedBy: 'admin',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
      superseded: [],
    });
    const active = await getActiveRuleSet(deps, { at: '2026-06-01', ruleSetId: 'district-2026' });
    expect(active).toMatchObject({ ...ref, status: 'published', sha256: published.sha256 });
    expect(await getActiveRuleSet(deps, { at: '2027-01-01', ruleSetId: 'district-2026' })).toBeNull();
    const actions = (await listAudit(deps, { target: 'ruleSet:district-2026@1', order: 'asc' })).items.map(
      (r) => r.action,
    );
    expect(actions).toEqual(['ruleSet.create', 'ruleSet.submit', 'ruleSet.approve', 'ruleSet.publish']);
  });

  it('supersedes the previous version of the same rule set by trimming it', async () => {
    const deps = memoryDeps();
    const actor = admin('admin');
    const reviewer = admin('admin2');
    await createRuleSet(deps, { actor, ruleSet: districtContent() });
    await submitForReview(deps, { actor, ...ref });
    await approveVersion(deps, { actor: reviewer, ...ref });
    await publishVersion(deps, { actor, ...ref });
    const draft = await createDraft(deps, { actor, ruleSetId: 'district-2026', basedOn: 1 });
    const next = { ruleSetId: 'district-2026', number: draft.number };
    await submitForReview(deps, { actor, ...next });
    await approveVersion(deps, { actor: reviewer, ...next });
    const published = await publishVersion(deps, { actor, ...next, effectiveFrom: '2026-07-01' });
    expect(published.superseded).toEqual([
      { ruleSetId: 'district-2026', number: 1, action: 'trimmed', effectiveTo: '2026-06-30' },
    ]);
    expect((await getActiveRuleSet(deps, { at: '2026-06-30', ruleSetId: 'district-2026' }))?.number).toBe(1);
    expect((await getActiveRuleSet(deps, { at: '2026-07-01', ruleSetId: 'district-2026' }))?.number).toBe(2);
  });
});
