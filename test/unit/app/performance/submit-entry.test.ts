/** @module submitEntry on a memory store: an entry pinned to the version in force and scored, a later one superseding it, late inside the policy's grace days, refused once locked, out of scope or invalid. */
import { describe, expect, it } from 'vitest';
import { listEntries } from '../../../../engine/app/performance/list-entries.ts';
import { submitEntry } from '../../../../engine/app/performance/submit-entry.ts';
import { admin, performanceApp, unitUser } from './performance-app.ts';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code?: string }) => error.code,
  );

describe('submitEntry', () => {
  it('appends an entry pinned to the version in force and, asked to wait, answers its recomputed score', async () => {
    const { deps } = await performanceApp('2026-04-02T02:00:00Z');
    const written = await submitEntry(deps, {
      actor: unitUser('s1'),
      indicatorId: 'a',
      period: '2026-03',
      values: { done: 80 },
      wait: true,
    });
    expect(written.entry).toMatchObject({
      unitId: 's1',
      indicatorId: 'a',
      period: '2026-03',
      ruleSetId: 'fixture',
      ruleSetVersion: 1,
      isLate: false,
      supersedes: null,
      kind: 'submitted',
      status: 'active',
    });
    expect(written.score).toMatchObject({ unitId: 's1', indicatorId: 'a', period: '2026-03', points: 80 });
    expect(written.changed?.scores).toBeGreaterThan(0);
    expect(written.recomputing).toBe(false);
  });

  it('keeps both entries when a unit submits again: the new one supersedes the old', async () => {
    const { deps } = await performanceApp('2026-04-02T02:00:00Z');
    const actor = unitUser('s1');
    const first = await submitEntry(deps, {
      actor,
      indicatorId: 'a',
      period: '2026-03',
      values: { done: 80 },
    });
    const second = await submitEntry(deps, {
      actor,
      indicatorId: 'a',
      period: '2026-03',
      values: { done: 90 },
      wait: true,
    });
    expect(second.entry.supersedes).toBe(first.entry.id);
    expect(second.score?.points).toBe(90);
    const all = await listEntries(deps, {
      actor,
      indicatorId: 'a',
      period: '2026-03',
      includeSuperseded: true,
    });
    expect(all.items.map((e) => [e.id, e.status])).toEqual(
      expect.arrayContaining([
        [first.entry.id, 'superseded'],
        [second.entry.id, 'active'],
      ]),
    );
  });

  it('flags an entry late inside the grace days and refuses it once the month locked', async () => {
    const { deps, setNow } = await performanceApp('2026-04-18T02:00:00Z');
    const write = () =>
      submitEntry(deps, { actor: unitUser('s2'), indicatorId: 'a', period: '2026-03', values: { done: 70 } });
    expect((await write()).entry.isLate).toBe(true);
    setNow('2026-04-21T02:00:00Z');
    expect(await codeOf(write())).toBe('ledger.locked');
  });

  it('counts the grace days the assessment policy sets', async () => {
    const { deps } = await performanceApp('2026-04-18T02:00:00Z', {
      policy: { deadline: { dayOfNextMonth: 15, lateGraceDays: 2 } },
    });
    const written = submitEntry(deps, {
      actor: unitUser('s1'),
      indicatorId: 'a',
      period: '2026-03',
      values: { done: 70 },
    });
    expect(await codeOf(written)).toBe('ledger.locked');
  });

  it('refuses another unit’s entry, a month not open yet and values the form refuses', async () => {
    const { deps } = await performanceApp('2026-04-02T02:00:00Z');
    const base = { indicatorId: 'a', period: '2026-03', values: { done: 70 } };
    expect(await codeOf(submitEntry(deps, { ...base, actor: unitUser('s1'), unitId: 's2' }))).toBe(
      'performance.out_of_scope',
    );
    expect(await codeOf(submitEntry(deps, { ...base, actor: admin, unitId: 's1', period: '2026-05' }))).toBe(
      'ledger.not_open',
    );
    expect(await codeOf(submitEntry(deps, { ...base, actor: unitUser('s1'), values: { done: -1 } }))).toBe(
      'entry.invalid',
    );
    expect((await listEntries(deps, { actor: admin })).items).toEqual([]);
  });
});
