/** @module Calendar import from the real holiday-cn files (JSON 2024–2027, iCalendar 2026), merging years, and the listed-days diff. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalendarDocument } from '../../../../engine/core/calendar/calendar.ts';
import { compileCalendar } from '../../../../engine/core/calendar/calendar.ts';
import { checkCalendar } from '../../../../engine/core/calendar/check-calendar.ts';
import { calendarDays, diffCalendarDays } from '../../../../engine/core/calendar/days.ts';
import {
  importCalendarFile,
  importHolidayCn,
  importICalendar,
  mergeCalendars,
  unfoldICalendar,
} from '../../../../engine/core/calendar/import.ts';
import { ValidationError } from '../../../../engine/core/errors.ts';
import { validate } from '../../../../engine/core/ruleset/validate.ts';
import { thrown } from '../../../support/thrown.ts';

const root = resolve(import.meta.dirname, '../../../..');
const fixture = (name: string) => readFileSync(resolve(root, 'test/fixtures/holiday-cn', name), 'utf8');
const json = (name: string) => JSON.parse(fixture(name)) as unknown;
const seed = JSON.parse(
  readFileSync(resolve(root, 'seeds/calendars/cn-2026.json'), 'utf8'),
) as CalendarDocument;

describe('holiday-cn JSON import', () => {
  const result = importHolidayCn(json('2026.json'));

  it('reads 2026.json into a schema-valid calendar covering exactly 2026', () => {
    expect(result.format).toBe('holiday-cn');
    expect(result.years).toEqual([2026]);
    expect(result.calendar).toMatchObject({
      kind: 'calendar',
      id: 'cn-2026',
      coverage: { from: 2026, to: 2026 },
      outsideCoverage: 'weekendsOnly',
      workingWeekdays: [1, 2, 3, 4, 5],
    });
    expect(validate('calendar', result.calendar)).toMatchObject({ ok: true });
    expect(checkCalendar(result.calendar)).toEqual([]);
    expect(result.calendar.description).toContain(
      'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
    );
  });

  it('groups 元旦 2026-01-01..03, 春节 02-15..23 and the other holidays into ranges, with the 调休 working days', () => {
    expect(result.calendar.holidays).toEqual([
      { date: '2026-01-01', endDate: '2026-01-03', name: '元旦' },
      { date: '2026-02-15', endDate: '2026-02-23', name: '春节' },
      { date: '2026-04-04', endDate: '2026-04-06', name: '清明节' },
      { date: '2026-05-01', endDate: '2026-05-05', name: '劳动节' },
      { date: '2026-06-19', endDate: '2026-06-21', name: '端午节' },
      { date: '2026-09-25', endDate: '2026-09-27', name: '中秋节' },
      { date: '2026-10-01', endDate: '2026-10-07', name: '国庆节' },
    ]);
    expect(result.calendar.workingDays).toEqual([
      { date: '2026-01-04', name: '元旦调休' },
      { date: '2026-02-14', name: '春节调休' },
      { date: '2026-02-28', name: '春节调休' },
      { date: '2026-05-09', name: '劳动节调休' },
      { date: '2026-09-20', name: '国庆节调休' },
      { date: '2026-10-10', name: '国庆节调休' },
    ]);
  });

  it('lists the same days as the demo seed calendar cn-2026', () => {
    expect(calendarDays(result.calendar)).toEqual(calendarDays(seed));
  });

  it('computes deadlines over the imported days: Sunday 2026-01-04 is worked, 2026-02-16 is not', () => {
    const cal = compileCalendar(result.calendar);
    expect(cal.isWorkingDay('2026-01-04')).toBe(true);
    expect(cal.isWorkingDay('2026-02-16')).toBe(false);
    expect(cal.holidayName('2026-02-16')).toBe('春节');
    expect(cal.toLocalIso(cal.addWorkingDays('2026-09-30T16:00', 3))).toBe('2026-10-10T16:00:00+08:00');
  });

  it('reads several years at once (2024, 2025, 2026) into one calendar covering 2024–2026', () => {
    const all = importHolidayCn([json('2024.json'), json('2025.json'), json('2026.json')]);
    expect(all.calendar.coverage).toEqual({ from: 2024, to: 2026 });
    expect(all.calendar.id).toBe('cn-2024-2026');
    expect(all.calendar.holidays).toContainEqual({
      date: '2025-10-01',
      endDate: '2025-10-08',
      name: '国庆节、中秋节',
    });
    expect(all.calendar.workingDays).toContainEqual({ date: '2024-02-04', name: '春节调休' });
    expect(checkCalendar(all.calendar).filter((i) => i.severity !== 'warning')).toEqual([]);
  });

  it('says honestly that the empty 2027 file (not yet published) covers nothing', () => {
    const error = thrown(() => importHolidayCn(json('2027.json')));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('calendar.import_empty');
    expect(error.text.en).toContain('2027');
    expect(error.text.zh).toContain('尚未公布');
    const both = importHolidayCn([json('2026.json'), json('2027.json')]);
    expect(both.calendar.coverage).toEqual({ from: 2026, to: 2026 });
    expect(both.warnings.map((w) => w.code)).toEqual(['calendar.import_year_empty']);
  });

  it('refuses years with a gap and files of another shape', () => {
    expect(thrown(() => importHolidayCn([json('2024.json'), json('2026.json')])).code).toBe(
      'calendar.coverage_gap',
    );
    expect(thrown(() => importHolidayCn({ hello: 1 })).code).toBe('calendar.import_format');
    expect(thrown(() => importHolidayCn({ year: 2026, papers: [], days: [{ date: 'x' }] })).code).toBe(
      'calendar.import_format',
    );
  });

  it('keeps the weekly pattern, hours, id and policy of a base calendar', () => {
    const base: CalendarDocument = {
      ...seed,
      id: 'district-cal',
      outsideCoverage: 'error',
      officeHours: [{ start: '08:30', end: '17:00' }],
    };
    const r = importHolidayCn(json('2026.json'), { base });
    expect(r.calendar).toMatchObject({
      id: 'district-cal',
      outsideCoverage: 'error',
      officeHours: [{ start: '08:30', end: '17:00' }],
    });
  });
});

describe('iCalendar import', () => {
  const text = fixture('2026.ics');

  it('unfolds folded lines (CRLF + space) before reading them', () => {
    const lines = unfoldICalendar(text);
    expect(lines).toContain('X-WR-CALDESC:中国法定节假日数据，自动每日抓取国务院公告。');
  });

  it('reads 2026.ics into the same days as 2026.json (DTEND exclusive, 上班(补…) = working day)', () => {
    const r = importICalendar(text);
    expect(r.format).toBe('ical');
    expect(r.years).toEqual([2026]);
    expect(r.calendar.coverage).toEqual({ from: 2026, to: 2026 });
    expect(r.calendar.holidays?.[0]).toEqual({ date: '2026-01-01', endDate: '2026-01-03', name: '元旦' });
    expect(r.calendar.workingDays?.[0]).toEqual({ date: '2026-01-04', name: '元旦调休' });
    expect(calendarDays(r.calendar)).toEqual(calendarDays(importHolidayCn(json('2026.json')).calendar));
    expect(r.warnings).toEqual([]);
  });

  it('reads a one-day event without DTEND, a DURATION, escaped text and skips timed or recurring events', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'SUMMARY:Day off\\, test',
      'DTSTART;VALUE=DATE:20270101',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:春节假期',
      'DTSTART;VALUE=DATE:20270206',
      'DURATION:P3D',
      'BEGIN:VALARM',
      'DTSTART:20270101T000000',
      'END:VALARM',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:meeting',
      'DTSTART:20270301T090000Z',
      'DTEND:20270301T100000Z',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:weekly',
      'DTSTART;VALUE=DATE:20270305',
      'RRULE:FREQ=WEEKLY',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:上班(补春节假期)',
      'DTSTART;VALUE=DATE:20270214',
      'DTEND;VALUE=DATE:20270215',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const r = importICalendar(ics, { id: 'cn-2027' });
    expect(r.calendar.id).toBe('cn-2027');
    expect(r.calendar.holidays).toEqual([
      { date: '2027-01-01', name: 'Day off, test' },
      { date: '2027-02-06', endDate: '2027-02-08', name: '春节' },
    ]);
    expect(r.calendar.workingDays).toEqual([{ date: '2027-02-14', name: '春节调休' }]);
    expect(r.warnings.map((w) => w.code)).toEqual([
      'calendar.import_event_skipped',
      'calendar.import_event_skipped',
    ]);
  });

  it('refuses a text that is not a VCALENDAR, or one without usable events', () => {
    expect(thrown(() => importICalendar('hello')).code).toBe('calendar.import_format');
    expect(thrown(() => importICalendar('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')).code).toBe(
      'calendar.import_empty',
    );
  });
});

describe('importing any file', () => {
  it('tells iCalendar, holiday-cn JSON and calendar documents apart', () => {
    expect(importCalendarFile({ fileName: '2026.ics', content: fixture('2026.ics') }).format).toBe('ical');
    expect(importCalendarFile({ content: fixture('2026.json') }).format).toBe('holiday-cn');
    const doc = importCalendarFile({ content: JSON.stringify(seed) });
    expect(doc.format).toBe('calendar');
    expect(doc.calendar).toMatchObject({ id: 'cn-2026', coverage: { from: 2026, to: 2026 } });
    expect(
      importCalendarFile([{ content: fixture('2025.json') }, { content: fixture('2026.json') }]).years,
    ).toEqual([2025, 2026]);
    expect(thrown(() => importCalendarFile({ content: 'not json' })).code).toBe('calendar.import_format');
  });
});

describe('merging a year into a calendar', () => {
  const y2025 = importHolidayCn(json('2025.json')).calendar;

  it('widens coverage, keeps the base id and other years, and replaces the imported year', () => {
    const merged = mergeCalendars(seed, y2025);
    expect(merged.id).toBe('cn-2026');
    expect(merged.coverage).toEqual({ from: 2025, to: 2026 });
    expect(calendarDays(merged).filter((d) => d.date.startsWith('2026'))).toEqual(calendarDays(seed));
    expect(calendarDays(merged).filter((d) => d.date.startsWith('2025'))).toEqual(calendarDays(y2025));
    const tampered = structuredClone(seed);
    tampered.holidays = [{ date: '2026-03-03', name: 'wrong' }];
    expect(calendarDays(mergeCalendars(y2025, tampered)).some((d) => d.name === 'wrong')).toBe(true);
    expect(calendarDays(mergeCalendars(merged, seed))).toEqual(calendarDays(merged));
  });

  it('merges on import when asked, and refuses a gap', () => {
    const r = importHolidayCn(json('2025.json'), { base: seed, merge: true });
    expect(r.calendar.coverage).toEqual({ from: 2025, to: 2026 });
    expect(r.calendar.id).toBe('cn-2026');
    const y2024 = importHolidayCn(json('2024.json')).calendar;
    expect(thrown(() => mergeCalendars(seed, y2024)).code).toBe('calendar.coverage_gap');
  });
});

describe('listed-days diff', () => {
  it('lists days added, removed, swapped (holiday ↔ working day) and renamed, by date', () => {
    const next = structuredClone(seed);
    next.holidays = next.holidays!.filter((h) => h.name !== '清明节');
    next.holidays.push({ date: '2026-12-31', name: '跨年' });
    next.workingDays = next.workingDays!.filter((w) => w.date !== '2026-10-10');
    next.holidays.push({ date: '2026-10-10', name: '国庆节' });
    next.workingDays.push({ date: '2026-10-07', name: '国庆节调休' });
    next.workingDays[0]!.name = '元旦补班';
    const d = diffCalendarDays(seed, next);
    expect(d.added).toEqual([{ date: '2026-12-31', type: 'holiday', name: '跨年' }]);
    expect(d.removed.map((x) => x.date)).toEqual(['2026-04-04', '2026-04-05', '2026-04-06']);
    expect(d.swapped.map((x) => [x.date, x.before.type, x.after.type])).toEqual([
      ['2026-10-07', 'holiday', 'workingDay'],
      ['2026-10-10', 'workingDay', 'holiday'],
    ]);
    expect(d.renamed.map((x) => [x.date, x.after.name])).toEqual([['2026-01-04', '元旦补班']]);
  });
});
