/** @module The studio's one time zone: instants are shown in the district's zone the server names in /api/health, whatever the browser's zone. */
import { describe, expect, it, vi } from 'vitest';
import { inBrowserZone } from '../../support/browser-zone.ts';

vi.mock('../../../studio/api/http.ts', () => ({
  api: {
    health: async () => ({ status: 'ok', now: '2026-03-01T01:30:00.000Z', timeZone: 'Asia/Shanghai' }),
  },
}));

// A browser far from the district: its own zone must not leak into what the pages show.
inBrowserZone('America/New_York');

describe('district time in the studio', () => {
  it('shows the same instant the same way on every page once the zone is learnt', async () => {
    const clock = await import('../../../studio/lib/server-clock.ts');
    const { formatWhen } = await import('../../../studio/pages/cases/messages.ts');
    const instant = '2026-03-01T15:46:00Z';
    // Before the server has spoken, the browser's zone is all there is.
    expect(clock.formatDistrictTime(instant)).toBe('2026-03-01 10:46');
    await clock.syncServerClock();
    expect(clock.districtTimeZone()).toBe('Asia/Shanghai');
    expect(clock.formatDistrictTime(instant)).toBe('2026-03-01 23:46');
    // The case timeline's formatter is this one (the audit log's formatTime is too).
    expect(formatWhen(instant)).toBe('2026-03-01 23:46');
    // Days and months turn at the district's midnight.
    expect(clock.districtDate(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(clock.districtMonth(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04');
    expect(formatWhen('not a date')).toBe('not a date');
    expect(formatWhen(null)).toBe('—');
  });
});
