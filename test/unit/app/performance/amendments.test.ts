/** @module requestAmendment and decideAmendment on a memory store: a locked entry changed only through the office, one pending request at a time, approval appending a superseding entry, rejection changing nothing. */
import { describe, expect, it } from 'vitest';
import { decideAmendment } from '../../../../engine/app/performance/decide-amendment.ts';
import { getEntry } from '../../../../engine/app/performance/get-entry.ts';
import { listAmendments } from '../../../../engine/app/performance/list-amendments.ts';
import { requestAmendment } from '../../../../engine/app/performance/request-amendment.ts';
import { submitEntry } from '../../../../engine/app/performance/submit-entry.ts';
import { admin, performanceApp, unitUser } from './performance-app.ts';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code?: string }) => error.code,
  );

/** An app whose March entry of s1 on `a` (done 80) is locked by the time the test runs. */
async function lockedEntry() {
  const app = await performanceApp('2026-04-02T02:00:00Z');
  const { entry } = await submitEntry(app.deps, {
    actor: unitUser('s1'),
    indicatorId: 'a',
    period: '2026-03',
    values: { done: 80 },
    wait: true,
  });
  app.setNow('2026-05-02T02:00:00Z');
  return { ...app, entry };
}

describe('amendments', () => {
  it('approves a request: a new entry with the amended values supersedes the locked one, scored', async () => {
    const { deps, entry } = await lockedEntry();
    const requested = await requestAmendment(deps, {
      actor: unitUser('s1'),
      entryId: entry.id,
      values: { done: 95 },
      reason: '  typo in the report ',
    });
    expect(requested).toMatchObject({ status: 'pending', reason: 'typo in the report', unitId: 's1' });
    const decided = await decideAmendment(deps, {
      actor: admin,
      id: requested.id,
      decision: 'approve',
      wait: true,
    });
    expect(decided.amendment).toMatchObject({ status: 'approved', newEntryId: decided.entry?.id });
    expect(decided.entry).toMatchObject({ supersedes: entry.id, kind: 'amendment', values: { done: 95 } });
    expect(decided.score?.points).toBe(95);
    expect(decided.recomputing).toBe(false);
    expect((await getEntry(deps, { actor: admin, id: entry.id })).status).toBe('superseded');
    expect(await codeOf(decideAmendment(deps, { actor: admin, id: requested.id, decision: 'reject' }))).toBe(
      'amendment.decided',
    );
  });

  it('takes one pending request per entry, and a rejection leaves the entry as it was', async () => {
    const { deps, entry } = await lockedEntry();
    const actor = unitUser('s1');
    const request = { actor, entryId: entry.id, values: { done: 95 }, reason: 'recount' };
    const first = await requestAmendment(deps, request);
    expect(await codeOf(requestAmendment(deps, request))).toBe('amendment.pending');
    const decided = await decideAmendment(deps, {
      actor: admin,
      id: first.id,
      decision: 'reject',
      note: 'no',
    });
    expect(decided).toMatchObject({ entry: null, score: null, recomputing: false });
    expect(decided.amendment).toMatchObject({ status: 'rejected', note: 'no', newEntryId: null });
    expect((await getEntry(deps, { actor: admin, id: entry.id })).status).toBe('active');
    expect((await listAmendments(deps, { actor, status: 'rejected' })).items.map((a) => a.id)).toEqual([
      first.id,
    ]);
  });

  it('refuses a request without a reason, with invalid values, or from another unit', async () => {
    const { deps, entry } = await lockedEntry();
    const request = { actor: unitUser('s1'), entryId: entry.id, values: { done: 95 }, reason: 'recount' };
    expect(await codeOf(requestAmendment(deps, { ...request, reason: ' ' }))).toBe(
      'amendment.reason_required',
    );
    expect(await codeOf(requestAmendment(deps, { ...request, values: {} }))).toBe('entry.invalid');
    expect(await codeOf(requestAmendment(deps, { ...request, actor: unitUser('s2') }))).toBe(
      'performance.out_of_scope',
    );
    expect(await codeOf(requestAmendment(deps, { ...request, entryId: 'nope' }))).toBe('entry.not_found');
  });
});
