/** @module The dashboard's month and light-map helpers: the latest month whose deadline passed, months of a year, cell colours and legend counts. */
import { describe, expect, it } from 'vitest';
import {
  cellColourOf,
  latestClosedMonth,
  lightCounts,
  monthsOfYearTo,
  nextMonth,
} from '../../../studio/pages/performance/dashboard-model.ts';

const year = (y: number, day = 15) => ({
  effectiveFrom: `${y}-01-01`,
  effectiveTo: `${y}-12-31`,
  dayOfNextMonth: day,
});

describe('latestClosedMonth', () => {
  it('is last month once its deadline has passed, the month before while it is still to come', () => {
    expect(latestClosedMonth({ today: '2026-11-25', policies: [year(2026)] })).toEqual({
      month: '2026-10',
      deadline: '2026-11-15',
    });
    expect(latestClosedMonth({ today: '2026-12-04', policies: [year(2026)] })).toEqual({
      month: '2026-10',
      deadline: '2026-11-15',
    });
    // The deadline day itself still counts as open (data due by the 15th, inclusive).
    expect(latestClosedMonth({ today: '2026-12-15', policies: [year(2026)] })?.month).toBe('2026-10');
    expect(latestClosedMonth({ today: '2026-12-16', policies: [year(2026)] })?.month).toBe('2026-11');
  });

  it('reads the deadline day of the version in force in each month, across a year boundary', () => {
    expect(latestClosedMonth({ today: '2026-11-12', policies: [year(2026, 10)] })?.month).toBe('2026-10');
    expect(latestClosedMonth({ today: '2027-01-20', policies: [year(2026), year(2027, 25)] })).toEqual({
      month: '2026-12',
      deadline: '2027-01-15',
    });
    // A month no version covers is skipped; nothing at all gives null.
    expect(latestClosedMonth({ today: '2027-03-01', policies: [year(2026)] })?.month).toBe('2026-12');
    expect(latestClosedMonth({ today: '2026-03-01', policies: [] })).toBeNull();
  });
});

describe('months and light map', () => {
  it('lists January to the month and steps months', () => {
    expect(monthsOfYearTo('2026-03')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(nextMonth('2026-12')).toBe('2027-01');
  });

  it('marks a cell without lights as not applicable and otherwise shows the worst light', () => {
    expect(cellColourOf([undefined, undefined])).toBe('na');
    expect(cellColourOf([undefined, 'green', 'red'])).toBe('red');
    expect(cellColourOf(['grey', 'grey'])).toBe('grey');
  });

  it('counts only the lights of the units and indicators shown, and the cells without a light', () => {
    const lights = [
      { unitId: 'a', indicatorId: 'i1', colour: 'green' },
      { unitId: 'a', indicatorId: 'i2', colour: 'grey' },
      { unitId: 'b', indicatorId: 'i1', colour: 'red' },
      { unitId: 'c', indicatorId: 'i1', colour: 'red' },
    ];
    expect(lightCounts({ lights, unitIds: ['a', 'b'], indicatorIds: ['i1', 'i2'] })).toEqual({
      green: 1,
      yellow: 0,
      red: 1,
      grey: 1,
      overdue: 0,
      na: 1,
    });
  });
});
