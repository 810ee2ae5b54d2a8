/** @module The period that follows another on a timeline. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextPeriodOf } from '../../../engine/app/rule-sets/prepare-next-period.ts';

describe('nextPeriodOf', () => {
  // Calendar years move whole years by their span; any other range starts the day after it ends and
  // keeps its length, across month and leap days.
  it.each<[string, [string, string], [string, string]]>([
    ['a calendar year moves to the next one', ['2026-01-01', '2026-12-31'], ['2027-01-01', '2027-12-31']],
    ['two whole years move by their span', ['2027-01-01', '2028-12-31'], ['2029-01-01', '2030-12-31']],
    ['a July-to-June year keeps its length', ['2026-07-01', '2027-06-30'], ['2027-07-01', '2028-06-29']],
    ['a leap February keeps its length', ['2028-02-01', '2028-02-29'], ['2028-03-01', '2028-03-29']],
  ])('%s', (_case, [from, to], [nextFrom, nextTo]) => {
    expect(nextPeriodOf({ from, to })).toEqual({ from: nextFrom, to: nextTo });
  });

  it('always begins the day after the given period ends and never overlaps it', () => {
    const day = 86_400_000;
    const base = Date.UTC(2020, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 800 }), (offset, length) => {
        const from = new Date(base + offset * day).toISOString().slice(0, 10);
        const to = new Date(base + (offset + length) * day).toISOString().slice(0, 10);
        const next = nextPeriodOf({ from, to });
        expect(Date.parse(next.from) - Date.parse(to)).toBe(day);
        expect(next.to >= next.from).toBe(true);
      }),
    );
  });
});
