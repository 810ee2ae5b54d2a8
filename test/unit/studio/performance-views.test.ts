/** @module Pure helpers behind the performance views: light dates of a picked month, comparison order, amendment diffs, deleting a tree leaf. */
import { describe, expect, it } from 'vitest';
import {
  byChange,
  lightsDate,
  monthEnd,
  valueDiff,
} from '../../../studio/pages/performance/dashboard-model.ts';
import type { IndicatorDoc } from '../../../studio/pages/performance/indicator-tree.ts';
import { canDelete, deleteLeaf, effectiveWeight } from '../../../studio/pages/performance/indicator-tree.ts';

describe('light dates of a picked month', () => {
  it('gives the last day of a month, leap Februaries included', () => {
    expect(monthEnd('2026-02')).toBe('2026-02-28');
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(monthEnd('2026-12')).toBe('2026-12-31');
    expect(monthEnd('2026-04')).toBe('2026-04-30');
  });

  it('uses the month end for past months and today for the current month', () => {
    expect(lightsDate({ period: '2026-03', today: '2026-11-25' })).toBe('2026-03-31');
    expect(lightsDate({ period: '2026-11', today: '2026-11-25' })).toBe('2026-11-25');
  });

  it('leaves the date to the server when no month is picked', () => {
    expect(lightsDate({ today: '2026-11-25' })).toBeUndefined();
    expect(lightsDate({ period: '', today: '2026-11-25' })).toBeUndefined();
  });
});

describe('comparison order', () => {
  it('puts the largest change first and units without a change last', () => {
    const rows = [{ change: -2 }, { change: null }, { change: 5 }, { change: 0 }];
    expect(byChange(rows).map((r) => r.change)).toEqual([5, 0, -2, null]);
    expect(rows[0]!.change).toBe(-2);
  });
});

describe('amendment diffs', () => {
  it('lists every field of the old and new values and marks the changed ones', () => {
    expect(valueDiff({ done: 10, note: 'a' }, { done: 12, note: 'a', extra: true })).toEqual([
      { field: 'done', before: 10, after: 12, isChanged: true },
      { field: 'note', before: 'a', after: 'a', isChanged: false },
      { field: 'extra', before: undefined, after: true, isChanged: true },
    ]);
  });

  it('treats every new field as changed while the old entry is not loaded', () => {
    expect(valueDiff(undefined, { done: 1 })).toEqual([
      { field: 'done', before: undefined, after: 1, isChanged: true },
    ]);
  });
});

describe('deleting a tree leaf', () => {
  const docs: IndicatorDoc[] = [
    {
      kind: 'indicator',
      id: 'p',
      name: { zh: 'P', en: 'P' },
      level: 'district',
      ahp: {
        id: 'ahp-p',
        criteria: ['a', 'b', 'c'],
        matrix: [
          [1, 2, 4],
          [0.5, 1, 2],
          [0.25, 0.5, 1],
        ],
      },
    },
    ...['a', 'b', 'c'].map((id) => {
      const leaf: IndicatorDoc = {
        kind: 'indicator',
        id,
        name: { zh: id.toUpperCase(), en: id.toUpperCase() },
        level: 'unit',
        parentId: 'p',
        weight: { ahp: 'ahp-p' },
      };
      return leaf;
    }),
  ];

  it('allows deleting leaves only', () => {
    expect(canDelete(docs, 'a')).toBe(true);
    expect(canDelete(docs, 'p')).toBe(false);
  });

  it('drops the leaf from its parent’s AHP comparison so the siblings keep valid weights', () => {
    const [parent] = deleteLeaf(docs, 'b');
    expect(parent!.ahp).toEqual({
      id: 'ahp-p',
      criteria: ['a', 'c'],
      matrix: [
        [1, 4],
        [0.25, 1],
      ],
    });
    const after = [parent!, docs[1]!, docs[3]!];
    expect(effectiveWeight(after, docs[1]!)).toBeCloseTo(0.8, 6);
    expect(effectiveWeight(after, docs[3]!)).toBeCloseTo(0.2, 6);
  });

  it('changes nothing else when the parent has no AHP block', () => {
    const plain = docs.map((d) => (d.id === 'p' ? { ...d, ahp: undefined } : d));
    expect(deleteLeaf(plain, 'a')).toEqual([]);
  });
});
