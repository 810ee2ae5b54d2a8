/** @module The period that follows another on a timeline. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextPeriodOf } from '../../../engine/app/rule-sets/prepare-next-period.ts';

describe('nextPeriodOf', () => {
  it('moves a calendar year to the next one, and several whole years by their span', () => {
    expect(nextPeriodOf({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      from: '2027-01-01',
      to: '2027-12-31',
    });
    expect(nextPeriodOf({ from: '2027-01-01', to: '2028-12-31' })).toEqual({
      from: '2029-01-01',
      to: '2030-12-31',
    });
  });

  it('starts any other range the day after it ends and keeps its length, across month and leap days', () => {
    expect(nextPeriodOf({ from: '2026-07-01', to: '2027-06-30' })).toEqual({
      from: '2027-07-01',
      to: '2028-06-29',
    });
    expect(nextPeriodOf({ from: '2028-02-01', to: '2028-02-29' })).toEqual({
      from: '2028-03-01',
      to: '2028-03-29',
    });
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
