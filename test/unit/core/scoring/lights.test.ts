/** @module Lights: expected progress, tolerances, direction, grey without data, overdue after the deadline. */
import { describe, expect, it } from 'vitest';
import { computeLight, expectedProgress, reportDeadline } from '../../../../engine/core/scoring/lights.ts';
import { compilePerformanceModel, computeScores, inputOf } from '../../../../engine/core/scoring/pipeline.ts';
import { entry, fixtureRuleSet } from './performance-fixture.ts';

function lightOf(
  done: number | null,
  asOf: string,
  lightOverride: Record<string, unknown> = {},
  months = [3],
) {
  const model = compilePerformanceModel(fixtureRuleSet({ light: lightOverride }));
  const entries = done === null ? [] : months.map((m) => entry('s1', 'a', `2026-0${m}`, { done }));
  const state = computeScores(model, { entries }, { periods: ['2026-01'] });
  return computeLight({ model, inputOf: (k) => inputOf(state, k), unitId: 's1', indicatorId: 'a', asOf });
}

describe('lights', () => {
  it('expects the yearly target in proportion to elapsed months, or the month’s own target', () => {
    expect(expectedProgress({ target: 120, month: 3, mode: 'linear' })).toBe(30);
    expect(expectedProgress({ target: 120, monthly: [5, 10, 40], month: 3, mode: 'linear' })).toBe(40);
    expect(expectedProgress({ target: 120, month: 6, mode: 'endOfPeriod' })).toBe(0);
  });

  it('puts the deadline on the configured day of the next month, plus working-day grace', () => {
    expect(reportDeadline({ year: 2026, month: 3, day: 15 })).toBe('2026-04-15');
    expect(reportDeadline({ year: 2026, month: 12, day: 15 })).toBe('2027-01-15');
    const weekdays = {
      isWorkingDay: (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
    };
    // 2026-04-17 is a Friday: 1 working day later is Monday the 20th.
    expect(reportDeadline({ year: 2026, month: 3, day: 17, graceDays: 1, calendar: weekdays })).toBe(
      '2026-04-20',
    );
  });

  it('is green within the green tolerance, yellow within the yellow one, red beyond', () => {
    // Target 100 a year; after March 25 is expected, cumulative value reported in March.
    const only3 = (done: number) => lightOf(done, '2026-04-01', {}, [1, 2, 3]);
    expect(only3(24).colour).toBe('green'); // 4 % short
    expect(only3(22).colour).toBe('yellow'); // 12 % short
    expect(only3(20).colour).toBe('red'); // 20 % short
    expect(only3(40)).toMatchObject({ colour: 'green', expected: 25 });
  });

  it('reads a lower-is-better indicator the other way round', () => {
    const lower = (done: number) => lightOf(done, '2026-04-01', { direction: 'lowerIsBetter' }, [1, 2, 3]);
    expect(lower(20).colour).toBe('green');
    expect(lower(30).colour).toBe('red');
  });

  it('is grey without data and overdue once a month’s report is missing after its deadline', () => {
    expect(lightOf(null, '2026-02-10').colour).toBe('grey');
    expect(lightOf(null, '2026-02-16')).toMatchObject({ colour: 'overdue', overduePeriod: '2026-01' });
    // January and February reported, March not yet due on April 15.
    expect(lightOf(20, '2026-04-15', {}, [1, 2]).colour).not.toBe('overdue');
    expect(lightOf(20, '2026-04-16', {}, [1, 2])).toMatchObject({
      colour: 'overdue',
      overduePeriod: '2026-03',
    });
  });
});
