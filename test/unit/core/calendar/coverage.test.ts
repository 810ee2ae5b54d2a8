/** @module Calendar coverage years: the policy outside them (error / provisional weekends-only), chaining and merging into next year, and the provisional flag of SLA deadlines. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalendarDocument } from '../../../../engine/core/calendar/calendar.ts';
import { chainCalendars, checkCalendar, compileCalendar } from '../../../../engine/core/calendar/calendar.ts';
import { mergeCalendars } from '../../../../engine/core/calendar/import.ts';
import { RuleError } from '../../../../engine/core/errors.ts';
import { computeDeadlines } from '../../../../engine/core/routing/sla.ts';
import type { SlaPolicy } from '../../../../schemas/types.gen.ts';
import { thrown } from '../../../support/thrown.ts';

const root = resolve(import.meta.dirname, '../../../..');
const seed = JSON.parse(
  readFileSync(resolve(root, 'seeds/calendars/cn-2026.json'), 'utf8'),
) as CalendarDocument;
const strict: CalendarDocument = { ...seed, outsideCoverage: 'error' };
/** A 2027 calendar as the office would import it once published (元旦 Fri 2027-01-01 … Sun 01-03). */
const cn2027: CalendarDocument = {
  ...seed,
  id: 'cn-2027',
  coverage: { from: 2027, to: 2027 },
  holidays: [{ date: '2027-01-01', endDate: '2027-01-03', name: '元旦' }],
  workingDays: [],
};

describe('outside coverage: weekendsOnly (provisional)', () => {
  const cal = compileCalendar(seed);

  it('counts weekdays of an uncovered year and says the result is provisional', () => {
    const due = cal.addWorkingDays('2026-12-31T10:00', 1);
    expect(cal.toLocalIso(due)).toBe('2027-01-01T10:00:00+08:00');
    expect(cal.isProvisional('2026-12-31T10:00', due)).toBe(true);
    expect(cal.isCovered('2027-01-01')).toBe(false);
    expect(cal.isCovered('2026-12-31')).toBe(true);
    expect(cal.isWorkingDay('2027-01-02')).toBe(false);
  });

  it('is not provisional inside the covered year', () => {
    const due = cal.addWorkingDays('2026-09-30T16:00', 3);
    expect(cal.isProvisional('2026-09-30T16:00', due)).toBe(false);
    expect(cal.coverage).toEqual([{ from: 2026, to: 2026 }]);
    expect(cal.outsideCoverage).toBe('weekendsOnly');
  });
});

describe('outside coverage: error', () => {
  const cal = compileCalendar(strict);

  it('throws calendar.outside_coverage with both languages when the math needs an uncovered day', () => {
    const error = thrown(() => cal.addWorkingDays('2026-12-31T10:00', 1));
    expect(error).toBeInstanceOf(RuleError);
    expect(error.code).toBe('calendar.outside_coverage');
    expect(error.text.en).toContain('2027-01-01');
    expect(error.text.zh).toContain('未覆盖 2027-01-01');
    expect(error.details).toMatchObject({ calendarId: 'cn-2026', date: '2027-01-01' });
    expect(thrown(() => cal.isWorkingDay('2025-12-31')).code).toBe('calendar.outside_coverage');
  });

  it('judges only the days it needs: the last working hours of the year still work', () => {
    expect(cal.toLocalIso(cal.addWorkingDays('2026-12-30T10:00', 1))).toBe('2026-12-31T10:00:00+08:00');
    expect(cal.workingTimeBetween('2026-12-31T00:00', '2026-12-31T23:59')).toBe(7 * 60);
    expect(cal.toLocalIso(cal.addWorkingHours('2026-12-31T16:00', 1.5))).toBe('2026-12-31T17:30:00+08:00');
    expect(cal.isProvisional('2026-12-31T10:00', '2027-01-05T10:00')).toBe(false);
  });
});

describe('crossing into next year', () => {
  it('chains this year with next year: 2026-12-31 10:00 + 1 working day = Monday 2027-01-04 10:00', () => {
    const chained = chainCalendars(compileCalendar(strict), [compileCalendar(cn2027)]);
    const due = chained.addWorkingDays('2026-12-31T10:00', 1);
    expect(chained.toLocalIso(due)).toBe('2027-01-04T10:00:00+08:00');
    expect(chained.isProvisional('2026-12-31T10:00', due)).toBe(false);
    expect(chained.holidayName('2027-01-01')).toBe('元旦');
    expect(chained.coverage).toEqual([{ from: 2026, to: 2027 }]);
    expect(chained.id).toBe('cn-2026');
    // The first calendar still decides its own year.
    expect(chained.isWorkingDay('2026-10-10')).toBe(true);
    expect(thrown(() => chained.isWorkingDay('2028-01-03')).code).toBe('calendar.outside_coverage');
  });

  it('gives the same result with one document merged to cover 2026–2027', () => {
    const merged = compileCalendar(mergeCalendars(strict, cn2027));
    expect(merged.toLocalIso(merged.addWorkingDays('2026-12-31T10:00', 1))).toBe('2027-01-04T10:00:00+08:00');
    expect(merged.workingDaysBetween('2026-12-31T10:00', '2027-01-04T10:00')).toBe(1);
  });

  it('refuses to chain calendars of different time zones', () => {
    const other = compileCalendar({ ...cn2027, timeZone: 'Europe/Paris' });
    expect(thrown(() => chainCalendars(compileCalendar(seed), [other])).code).toBe('calendar.chain_zone');
  });
});

describe('coverage in the document check', () => {
  it('reports reversed years as an error and listed days outside coverage as warnings', () => {
    expect(checkCalendar({ ...seed, coverage: { from: 2027, to: 2026 } }).map((i) => i.code)).toContain(
      'calendar.coverage',
    );
    const outside = checkCalendar({ ...seed, coverage: { from: 2027, to: 2027 } });
    expect(outside.length).toBeGreaterThan(0);
    expect(
      outside.every((i) => i.code === 'calendar.date_outside_coverage' && i.severity === 'warning'),
    ).toBe(true);
  });

  it('reads a document stored before coverage existed as covering the years its dates name', () => {
    const { coverage: _c, outsideCoverage: _o, ...legacy } = seed;
    const cal = compileCalendar(legacy as CalendarDocument);
    expect(cal.coverage).toEqual([{ from: 2026, to: 2026 }]);
    expect(cal.outsideCoverage).toBe('weekendsOnly');
    expect(cal.toLocalIso(cal.addWorkingDays('2026-12-31T10:00', 1))).toBe('2027-01-01T10:00:00+08:00');
    expect(checkCalendar(legacy).map((i) => i.code)).toEqual(['calendar.no_coverage']);
  });
});

describe('SLA deadlines', () => {
  const policy: SlaPolicy = {
    kind: 'slaPolicy',
    id: 'sla',
    schemaVersion: 1,
    name: { en: 'SLA', zh: '时限' },
    calendarId: 'cn-2026',
    limits: [
      {
        priority: 'normal',
        accept: { amount: 2, unit: 'workingHours' },
        handle: { amount: 1, unit: 'workingDays' },
        reply: { amount: 3, unit: 'calendarDays' },
      },
    ],
  };
  const timers = (startedAt: string) => ({
    handle: {
      name: 'handle' as const,
      status: 'running' as const,
      run: 1,
      startedAt,
      extensions: [],
      pauses: [],
    },
  });
  /** The handle deadline of a normal case whose handle timer started at `startedAt`, counted in `calendar`. */
  const handleDeadline = (startedAt: string, calendar: Parameters<typeof computeDeadlines>[0]['calendar']) =>
    computeDeadlines({ timers: timers(startedAt), priority: 'normal', policy, calendar }).handle;

  it('flag a deadline counted over an uncovered day as provisional, and no other', () => {
    const calendar = compileCalendar(seed);
    const late = handleDeadline('2026-12-31T10:00:00+08:00', calendar);
    expect(late).toMatchObject({ deadline: '2027-01-01T10:00:00+08:00', provisional: true });
    const early = handleDeadline('2026-12-30T10:00:00+08:00', calendar);
    expect(early?.deadline).toBe('2026-12-31T10:00:00+08:00');
    expect(early).not.toHaveProperty('provisional');
  });

  it('cross into the chained 2027 calendar without a flag', () => {
    const calendar = chainCalendars(compileCalendar(seed), [compileCalendar(cn2027)]);
    const d = handleDeadline('2026-12-31T23:50:00+08:00', calendar);
    expect(d?.deadline).toBe('2027-01-05T09:00:00+08:00');
    expect(d).not.toHaveProperty('provisional');
  });
});
