/** @module District day and month bounds: one offset for every filter that has no calendar at hand. */
import { describe, expect, it } from 'vitest';
import {
  DISTRICT_UTC_OFFSET,
  districtDayAfter,
  districtDayStart,
  districtMonthStart,
  nextMonthOf,
} from '../../../engine/core/time-zone.ts';

describe('district time bounds', () => {
  it('start a district day and month at local midnight, as UTC instants', () => {
    expect(DISTRICT_UTC_OFFSET).toBe('+08:00');
    expect(districtDayStart('2026-03-02')).toBe('2026-03-01T16:00:00.000Z');
    expect(districtDayAfter('2026-03-02')).toBe('2026-03-02T16:00:00.000Z');
    expect(districtMonthStart('2026-10')).toBe('2026-09-30T16:00:00.000Z');
  });

  it('roll the month over the year end', () => {
    expect(nextMonthOf('2026-11')).toBe('2026-12');
    expect(nextMonthOf('2026-12')).toBe('2027-01');
    expect(districtDayAfter('2026-12-31')).toBe(districtMonthStart('2027-01'));
  });
});
