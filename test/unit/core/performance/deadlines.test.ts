/** @module Reporting deadlines: status of a period's form on a day from the policy's deadline day, late grace and due-soon days; leaves due by frequency; the refusal of a month not open or locked. */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  deadlineStatus,
  isDueIn,
  lastDayOf,
  reportDayOf,
  requireOpenPeriod,
} from '../../../../engine/core/performance/deadlines.ts';
import { ConflictError, ValidationError } from '../../../../engine/core/errors.ts';
import { compilePerformanceModel } from '../../../../engine/core/scoring/model.ts';
import { fixtureRuleSet } from '../scoring/performance-fixture.ts';

const policy = { deadlineDay: 15, lateGraceDays: 5, dueSoonDays: 3 };
const statusOn = (today: string, p = policy) =>
  deadlineStatus({ period: '2026-03', policy: p, today }).status;

describe('deadlineStatus', () => {
  it('puts the deadline on the policy day of the next month and the lock date the grace days later', () => {
    expect(deadlineStatus({ period: '2026-03', policy, today: '2026-03-10' })).toEqual({
      deadline: '2026-04-15',
      lockDate: '2026-04-20',
      status: 'open',
    });
    expect(deadlineStatus({ period: '2026-12', policy, today: '2026-12-01' }).lockDate).toBe('2027-01-20');
  });

  it('walks a period through notDue, open, dueSoon, late and locked', () => {
    expect(statusOn('2026-02-28')).toBe('notDue');
    expect(statusOn('2026-03-01')).toBe('open');
    expect(statusOn('2026-04-11')).toBe('open');
    expect(statusOn('2026-04-12')).toBe('dueSoon');
    expect(statusOn('2026-04-15')).toBe('dueSoon');
    expect(statusOn('2026-04-16')).toBe('late');
    expect(statusOn('2026-04-20')).toBe('late');
    expect(statusOn('2026-04-21')).toBe('locked');
  });

  it('counts the grace and due-soon days the policy sets', () => {
    const strict = { deadlineDay: 10, lateGraceDays: 0, dueSoonDays: 0 };
    expect(statusOn('2026-04-09', strict)).toBe('open');
    expect(statusOn('2026-04-10', strict)).toBe('dueSoon');
    expect(statusOn('2026-04-11', strict)).toBe('locked');
  });

  it('reads the grace and due-soon days from the assessment policy, 5 and 3 when it names none', () => {
    const plain = compilePerformanceModel(fixtureRuleSet());
    expect(plain.policy).toMatchObject({ deadlineDay: 15, lateGraceDays: 5, dueSoonDays: 3 });
    const set = compilePerformanceModel(
      fixtureRuleSet({ policy: { deadline: { dayOfNextMonth: 15, lateGraceDays: 2, dueSoonDays: 7 } } }),
    );
    expect(set.policy).toMatchObject({ deadlineDay: 15, lateGraceDays: 2, dueSoonDays: 7 });
  });
});

describe('isDueIn', () => {
  it('asks monthly leaves every month, quarterly ones at quarter ends and yearly ones in December', () => {
    expect([1, 2, 3, 12].map((m) => isDueIn({ period: 'monthly' }, m))).toEqual([true, true, true, true]);
    expect([1, 3, 6, 7, 12].map((m) => isDueIn({ period: 'quarterly' }, m))).toEqual([
      false,
      true,
      true,
      false,
      true,
    ]);
    expect([3, 11, 12].map((m) => isDueIn({ period: 'yearly' }, m))).toEqual([false, false, true]);
  });
});

describe('requireOpenPeriod', () => {
  it('answers the status of an open or late month', () => {
    expect(requireOpenPeriod({ period: '2026-03', policy, today: '2026-04-18' }).status).toBe('late');
  });

  it('refuses a locked month with 409 ledger.locked and its dates', () => {
    try {
      requireOpenPeriod({ period: '2026-03', policy, today: '2026-04-21' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({
        code: 'ledger.locked',
        details: { deadline: '2026-04-15', lockDate: '2026-04-20' },
      });
    }
  });

  it('refuses a month not open yet with 400 ledger.not_open', () => {
    expect(() => requireOpenPeriod({ period: '2026-03', policy, today: '2026-02-27' })).toThrow(
      ValidationError,
    );
  });
});

describe('day arithmetic', () => {
  it('adds days across months and years, counts whole days between days, finds a month’s last day', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-04-10', '2026-04-15')).toBe(5);
    expect(daysBetween('2026-04-15', '2026-04-10')).toBe(-5);
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
  });

  it('reports a month as of its last day once it is over, as of today while it runs', () => {
    expect(reportDayOf('2026-03', '2026-03-10')).toBe('2026-03-10');
    expect(reportDayOf('2026-03', '2026-05-02')).toBe('2026-03-31');
  });
});
