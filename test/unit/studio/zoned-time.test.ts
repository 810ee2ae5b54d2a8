/** @module Date-time pickers read and write the district's wall clocks, whatever the browser's zone. */
import { describe, expect, it } from 'vitest';
import { inBrowserZone } from '../../support/browser-zone.ts';
import { fromZonedInput, toZonedInput, zoneOffsetMinutes } from '../../../studio/lib/zoned-time.ts';

// A browser far from the district.
inBrowserZone('America/New_York');

describe('zoned date-time inputs', () => {
  it('writes a picked wall time as an instant with the district’s offset', () => {
    expect(fromZonedInput('2026-11-24T21:30', 'Asia/Shanghai')).toBe('2026-11-24T21:30:00+08:00');
    expect(fromZonedInput('2026-11-24T21:30:15', 'Asia/Shanghai')).toBe('2026-11-24T21:30:15+08:00');
    expect(fromZonedInput('2026-11-24T21:30', 'UTC')).toBe('2026-11-24T21:30:00+00:00');
    expect(fromZonedInput('2026-11-24T21:30', 'Asia/Kolkata')).toBe('2026-11-24T21:30:00+05:30');
    // Daylight saving time: the offset of that day, not of today.
    expect(fromZonedInput('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T09:00:00+02:00');
    expect(fromZonedInput('2026-01-01T09:00', 'Europe/Berlin')).toBe('2026-01-01T09:00:00+01:00');
    expect(fromZonedInput('', 'Asia/Shanghai')).toBeUndefined();
    expect(fromZonedInput('2026-11-24', 'Asia/Shanghai')).toBeUndefined();
  });

  it('shows a stored instant on the district’s wall clocks', () => {
    expect(toZonedInput('2026-11-24T13:30:00Z', 'Asia/Shanghai')).toBe('2026-11-24T21:30');
    expect(toZonedInput('2026-11-24T21:30:00+08:00', 'Asia/Shanghai')).toBe('2026-11-24T21:30');
    expect(toZonedInput('2026-11-24T21:30:00+08:00', 'Europe/Berlin')).toBe('2026-11-24T14:30');
    expect(toZonedInput('not a date', 'Asia/Shanghai')).toBe('');
    expect(toZonedInput(undefined, 'Asia/Shanghai')).toBe('');
  });

  it('round-trips and knows each zone’s offset', () => {
    for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'UTC']) {
      const iso = fromZonedInput('2026-03-29T12:45', zone)!;
      expect(toZonedInput(iso, zone)).toBe('2026-03-29T12:45');
    }
    expect(zoneOffsetMinutes(Date.parse('2026-11-24T00:00:00Z'), 'Asia/Shanghai')).toBe(480);
    expect(zoneOffsetMinutes(Date.parse('2026-07-01T00:00:00Z'), 'America/New_York')).toBe(-240);
  });
});
