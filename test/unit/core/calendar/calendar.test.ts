/** @module Tests of the working calendar: holidays, swapped days, office hours and working-time arithmetic. */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { undocumentedProperties } from '../schema-docs.ts';
import type { CalendarDocument } from '../../../../engine/core/calendar/calendar.ts';
import { compileCalendar } from '../../../../engine/core/calendar/calendar.ts';
import { checkCalendar } from '../../../../engine/core/calendar/check-calendar.ts';
import { RuleError, ValidationError } from '../../../../engine/core/errors.ts';
import type { EvalContext } from '../../../../engine/core/logic/operator.ts';
import schema from '../../../../schemas/calendar.schema.json' with { type: 'json' };
import seed from '../../../../seeds/calendars/cn-2026.json' with { type: 'json' };

const doc = seed as CalendarDocument;
const cal = compileCalendar(doc);
const iso = (t: number) => cal.toLocalIso(t);

/** One named test per start, amount and expected end of `add`, grouped under the behaviour each group shows. */
function itAdds(
  what: string,
  add: (from: string, amount: number) => number,
  groups: Record<string, [string, number, string][]>,
): void {
  for (const [name, cases] of Object.entries(groups)) {
    it.each(cases)(`${name}: %s + %d ${what} is %s`, (from, amount, expected) => {
      expect(iso(add(from, amount))).toBe(expected);
    });
  }
}

describe('calendar document', () => {
  it('validates the 2026 seed against the JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(seed), JSON.stringify(validate.errors)).toBe(true);
    expect(schema.$id).toMatch(/calendar\.schema\.json$/);
  });

  it('documents every schema property with a description and examples', () => {
    expect(undocumentedProperties(schema)).toEqual([]);
  });

  it('keeps the TypeScript type and the schema properties in sync', () => {
    const keys: (keyof CalendarDocument)[] = [
      'kind',
      'id',
      'schemaVersion',
      'name',
      'description',
      'timeZone',
      'coverage',
      'outsideCoverage',
      'workingWeekdays',
      'officeHours',
      'holidays',
      'workingDays',
    ];
    expect(Object.keys(schema.properties).sort()).toEqual([...keys].sort());
  });

  it('has no check issues for the seed', () => {
    expect(checkCalendar(seed)).toEqual([]);
  });

  it('reports a date that is both holiday and working day, bad hours and an unknown zone', () => {
    const issues = checkCalendar({
      ...doc,
      timeZone: 'Mars/Olympus',
      officeHours: [
        { start: '13:00', end: '17:00' },
        { start: '09:00', end: '12:00' },
        { start: '18:00', end: '17:00' },
      ],
      workingDays: [{ date: '2026-10-03' }, { date: '2026-10-12' }, { date: '2026-02-30' }],
    });
    const codes = issues.map((i) => `${i.code}@${i.path}`);
    expect(codes).toContain('calendar.time_zone@/timeZone');
    expect(codes).toContain('calendar.office_hours_order@/officeHours/1');
    expect(codes).toContain('calendar.office_hours@/officeHours/2');
    expect(codes).toContain('calendar.conflict@/workingDays/0/date');
    expect(codes).toContain('calendar.redundant_working_day@/workingDays/1/date');
    expect(codes).toContain('calendar.date@/workingDays/2/date');
    expect(issues.find((i) => i.code === 'calendar.redundant_working_day')!.severity).toBe('warning');
  });

  it('refuses to compile an invalid calendar', () => {
    expect(() => compileCalendar({ ...doc, workingWeekdays: [] })).toThrow(ValidationError);
  });

  it('defaults the time zone to Asia/Shanghai', () => {
    const { timeZone: _, ...rest } = doc;
    expect(compileCalendar(rest as CalendarDocument).timeZone).toBe('Asia/Shanghai');
  });
});

describe('working days', () => {
  it('applies holidays, swapped working days and weekends of 2026', () => {
    expect(cal.isWorkingDay('2026-01-01')).toBe(false);
    expect(cal.isWorkingDay('2026-01-04')).toBe(true);
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-23')).toBe(false);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-05-05')).toBe(false);
    expect(cal.isWorkingDay('2026-05-09')).toBe(true);
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
    expect(cal.isWorkingDay('2026-10-07')).toBe(false);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.isWorkingDay('2026-10-11')).toBe(false);
    expect(cal.isWorkingDay('2026-10-12')).toBe(true);
    expect(cal.holidayName('2026-10-03')).toBe('国庆节');
    expect(cal.holidayName('2026-10-08')).toBeUndefined();
  });

  it('satisfies the EvalContext calendar contract', () => {
    const ctx: EvalContext = { calendar: cal, asOf: '2026-10-08' };
    expect(ctx.calendar!.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('throws a RuleError on a malformed date', () => {
    expect(() => cal.isWorkingDay('2026-13-01')).toThrow(RuleError);
    expect(() => cal.isWorkingDay('20261001')).toThrow(RuleError);
  });
});

describe('office hours', () => {
  it('treats office-hour intervals as half-open', () => {
    expect(cal.isWorkingTime('2026-10-08T08:59:59')).toBe(false);
    expect(cal.isWorkingTime('2026-10-08T09:00')).toBe(true);
    expect(cal.isWorkingTime('2026-10-08T11:59:59')).toBe(true);
    expect(cal.isWorkingTime('2026-10-08T12:00')).toBe(false);
    expect(cal.isWorkingTime('2026-10-08T13:30')).toBe(true);
    expect(cal.isWorkingTime('2026-10-08T17:30')).toBe(false);
    expect(cal.isWorkingTime('2026-10-03T10:00')).toBe(false);
  });

  it('reads instants with an offset or Z as absolute and others as calendar-local time', () => {
    expect(cal.isWorkingTime('2026-10-08T01:00:00Z')).toBe(true);
    expect(cal.isWorkingTime(Date.UTC(2026, 9, 8, 1, 0))).toBe(true);
    expect(cal.isWorkingTime('2026-10-08T09:00:00+08:00')).toBe(true);
    expect(cal.isWorkingTime('2026-10-08T09:00:00-05:00')).toBe(false);
    expect(cal.localDate('2026-10-07T16:30:00Z')).toBe('2026-10-08');
    expect(() => cal.isWorkingTime('yesterday')).toThrow(RuleError);
  });

  it('moves a case received after hours on Friday to Monday 09:00', () => {
    expect(iso(cal.nextWorkingTime('2026-10-16T20:00'))).toBe('2026-10-19T09:00:00+08:00');
    expect(iso(cal.nextWorkingTime('2026-10-16T12:10'))).toBe('2026-10-16T13:30:00+08:00');
    expect(iso(cal.nextWorkingTime('2026-10-16T10:15'))).toBe('2026-10-16T10:15:00+08:00');
  });
});

describe('deadlines over the National Day week', () => {
  it('gives a case received Sep 30 16:00 with 3 working days the swapped Saturday Oct 10 16:00', () => {
    const deadline = cal.addWorkingDays('2026-09-30T16:00', 3);
    expect(iso(deadline)).toBe('2026-10-10T16:00:00+08:00');
    expect(cal.workingDaysBetween('2026-09-30T16:00', deadline)).toBe(3);
    expect(cal.workingTimeBetween('2026-09-30T16:00', deadline)).toBe(3 * 7 * 60);
  });

  itAdds('working days', (from, n) => cal.addWorkingDays(from, n), {
    'starts counting a case received Sep 30 after hours on Oct 8': [
      ['2026-09-30T18:00', 3, '2026-10-12T09:00:00+08:00'],
      ['2026-10-01T10:00', 0, '2026-10-08T09:00:00+08:00'],
    ],
    'counts the Mid-Autumn weekend and the swapped Sunday Sep 20': [
      ['2026-09-18T10:00', 1, '2026-09-20T10:00:00+08:00'],
      ['2026-09-24T10:00', 1, '2026-09-28T10:00:00+08:00'],
    ],
  });

  it('rejects negative or fractional working days', () => {
    expect(() => cal.addWorkingDays('2026-09-30T16:00', -1)).toThrow(RuleError);
    expect(() => cal.addWorkingDays('2026-09-30T16:00', 1.5)).toThrow(RuleError);
  });
});

describe('working hours', () => {
  itAdds('working hours', (from, n) => cal.addWorkingHours(from, n), {
    'adds working hours across lunch': [
      ['2026-10-08T11:00', 2, '2026-10-08T14:30:00+08:00'],
      ['2026-10-08T12:30', 1, '2026-10-08T14:30:00+08:00'],
    ],
    'returns the interval end when the budget runs out exactly there': [
      ['2026-10-08T09:00', 3, '2026-10-08T12:00:00+08:00'],
      ['2026-10-08T09:00', 7, '2026-10-08T17:30:00+08:00'],
    ],
    'adds working hours across nights, weekends and the holiday week': [
      ['2026-09-30T16:00', 4, '2026-10-08T11:30:00+08:00'],
      ['2026-10-16T17:00', 1, '2026-10-19T09:30:00+08:00'],
      ['2026-10-16T20:00', 0.25, '2026-10-19T09:15:00+08:00'],
      ['2026-10-16T20:00', 0, '2026-10-16T20:00:00+08:00'],
    ],
  });

  it('measures working time and working days between instants', () => {
    expect(cal.workingTimeBetween('2026-10-08T09:00', '2026-10-08T17:30')).toBe(420);
    expect(cal.workingTimeBetween('2026-10-08T11:00', '2026-10-08T14:00')).toBe(90);
    expect(cal.workingTimeBetween('2026-09-30T09:00', '2026-10-08T09:00')).toBe(420);
    expect(cal.workingTimeBetween('2026-10-08T14:00', '2026-10-08T11:00')).toBe(-90);
    expect(cal.workingDaysBetween('2026-10-16T20:00', '2026-10-19T16:00')).toBe(0);
    expect(cal.workingDaysBetween('2026-10-16T10:00', '2026-10-19T08:00')).toBe(1);
    expect(cal.workingDaysBetween('2026-10-19T08:00', '2026-10-16T10:00')).toBe(-1);
    expect(cal.minutesPerWorkingDay).toBe(420);
  });
});

describe('working-time properties', () => {
  const start = Date.UTC(2025, 11, 20);
  const end = Date.UTC(2026, 11, 10);
  const instant = fc.integer({ min: start, max: end }).map((t) => Math.floor(t / 60_000) * 60_000);

  it('adding n working days then counting them gives n and lands in working time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 }), (t, n) => {
        const r = cal.addWorkingDays(t, n);
        expect(cal.workingDaysBetween(t, r)).toBe(n);
        expect(cal.isWorkingTime(r)).toBe(true);
        expect(cal.workingTimeBetween(t, r)).toBe(n * 420);
      }),
    );
  });

  it('adding h working hours yields exactly h hours of working time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 200 }), (t, quarterHours) => {
        const r = cal.addWorkingHours(t, quarterHours / 4);
        expect(cal.workingTimeBetween(t, r)).toBe(quarterHours * 15);
        expect(cal.workingTimeBetween(t, r - 60_000)).toBeLessThan(quarterHours * 15);
      }),
    );
  });
});

describe('time zones with daylight saving time', () => {
  const ny = compileCalendar({
    kind: 'calendar',
    id: 'ny',
    schemaVersion: 1,
    timeZone: 'America/New_York',
    coverage: { from: 2026, to: 2026 },
    outsideCoverage: 'error',
    workingWeekdays: [1, 2, 3, 4, 5, 6, 7],
    officeHours: [{ start: '00:00', end: '24:00' }],
  });

  it('counts a day of 23 hours on the spring-forward date', () => {
    expect(ny.workingTimeBetween('2026-03-08T00:00', '2026-03-09T00:00')).toBe(23 * 60);
    expect(ny.toLocalIso('2026-03-08T02:30')).toBe('2026-03-08T03:30:00-04:00');
  });

  it('keeps the local time of day when adding working days across the transition', () => {
    expect(ny.toLocalIso(ny.addWorkingDays('2026-03-07T10:00', 2))).toBe('2026-03-09T10:00:00-04:00');
  });
});
