/** @module Checks of a calendar document beyond its JSON Schema: time zone, real dates, ranges, office hours, coverage, conflicts. */
import type { Calendar } from '../../../schemas/types.gen.ts';
import type { Issue } from '../errors.ts';
import { issueOf } from '../errors.ts';
import {
  DEFAULT_TIME_ZONE,
  dayNumberOf,
  formatDayNumber,
  isoWeekday,
  isValidTimeZone,
  parseIsoDate,
} from './time-zone.ts';

const TIME = /^(\d{2}):(\d{2})$/;

/** Minutes since midnight of an `HH:MM` time (24:00 allowed), or undefined. */
export function parseTime(text: string): number | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

/** Day numbers of a covered year range. */
export interface CoveredDays {
  from: number;
  to: number;
  fromDay: number;
  toDay: number;
}

export const coveredDays = (from: number, to: number): CoveredDays => ({
  from,
  to,
  fromDay: dayNumberOf(from, 1, 1),
  toDay: dayNumberOf(to, 12, 31),
});

/** The declared coverage of a document when it is well-formed. */
export function coverageOf(d: Partial<Calendar>): CoveredDays | undefined {
  const c = d.coverage;
  if (typeof c !== 'object' || c === null) return undefined;
  if (!Number.isInteger(c.from) || !Number.isInteger(c.to) || c.to < c.from) return undefined;
  return coveredDays(c.from, c.to);
}

type Doc = Partial<Calendar>;

/** kind, id, time zone and working weekdays. */
function checkIdentity(d: Doc, issues: Issue[]): void {
  if (d.kind !== 'calendar') {
    issues.push(issueOf('/kind', 'calendar.kind', 'kind must be "calendar"', 'kind 必须是 "calendar"'));
  }
  if (typeof d.id !== 'string' || d.id === '') {
    issues.push(issueOf('/id', 'calendar.id', 'id must be a non-empty string', 'id 必须是非空字符串'));
  }
  const tz = d.timeZone ?? DEFAULT_TIME_ZONE;
  if (typeof tz !== 'string' || !isValidTimeZone(tz)) {
    issues.push(
      issueOf('/timeZone', 'calendar.time_zone', `Unknown time zone "${tz}"`, `未知的时区 "${tz}"`),
    );
  }
  const weekdays = d.workingWeekdays;
  if (
    !Array.isArray(weekdays) ||
    weekdays.length === 0 ||
    weekdays.some((w) => !Number.isInteger(w) || w < 1 || w > 7)
  ) {
    issues.push(
      issueOf(
        '/workingWeekdays',
        'calendar.weekdays',
        'workingWeekdays must list ISO weekdays 1–7 (at least one)',
        'workingWeekdays 必须列出 1–7 的 ISO 星期（至少一个）',
      ),
    );
  }
}

/** Office hours: HH:MM, start before end, ascending and not overlapping. */
function checkOfficeHours(d: Doc, issues: Issue[]): void {
  if (!Array.isArray(d.officeHours) || d.officeHours.length === 0) {
    issues.push(
      issueOf(
        '/officeHours',
        'calendar.office_hours',
        'At least one office-hour interval is required',
        '至少需要一个办公时段',
      ),
    );
  } else {
    let previousEnd = -1;
    d.officeHours.forEach((interval, i) => {
      const start = parseTime(String(interval?.start));
      const end = parseTime(String(interval?.end));
      if (start === undefined || end === undefined || start >= 24 * 60 || end <= start) {
        issues.push(
          issueOf(
            `/officeHours/${i}`,
            'calendar.office_hours',
            `Office hours ${i + 1} must be HH:MM with start before end`,
            `第 ${i + 1} 个办公时段必须为 HH:MM 且开始早于结束`,
          ),
        );
        return;
      }
      if (start < previousEnd) {
        issues.push(
          issueOf(
            `/officeHours/${i}`,
            'calendar.office_hours_order',
            `Office hours ${i + 1} overlap or precede the previous interval`,
            `第 ${i + 1} 个办公时段与前一时段重叠或顺序错误`,
          ),
        );
      }
      previousEnd = end;
    });
  }
}

/** The declared coverage years and the policy outside them. */
function checkCoverage(d: Doc, issues: Issue[]): void {
  const coverage = d.coverage;
  if (coverage === undefined) {
    issues.push(
      issueOf(
        '/coverage',
        'calendar.no_coverage',
        'The calendar states no coverage years; it is taken to cover the years its dates name',
        '日历未写明覆盖年份，按其所列日期的年份计算',
        'warning',
      ),
    );
  } else if (
    typeof coverage !== 'object' ||
    coverage === null ||
    !Number.isInteger(coverage.from) ||
    !Number.isInteger(coverage.to) ||
    coverage.to < coverage.from
  ) {
    issues.push(
      issueOf(
        '/coverage',
        'calendar.coverage',
        'coverage must give whole years with from ≤ to',
        'coverage 必须为整数年份，且 from ≤ to',
      ),
    );
  }
  if (
    d.outsideCoverage !== undefined &&
    d.outsideCoverage !== 'error' &&
    d.outsideCoverage !== 'weekendsOnly'
  ) {
    issues.push(
      issueOf(
        '/outsideCoverage',
        'calendar.outside_coverage_policy',
        'outsideCoverage must be "error" or "weekendsOnly"',
        'outsideCoverage 必须为 "error" 或 "weekendsOnly"',
      ),
    );
  }
}

/** Holidays: real dates and ranges, inside coverage, listed once. Returns each holiday day's name. */
function checkHolidays(d: Doc, outside: (dn: number) => boolean, issues: Issue[]): Map<number, string> {
  const holidayDays = new Map<number, string>();
  (Array.isArray(d.holidays) ? d.holidays : []).forEach((h, i) => {
    const from = parseIsoDate(String(h?.date));
    const to = h?.endDate === undefined ? from : parseIsoDate(String(h.endDate));
    if (from === undefined || to === undefined) {
      issues.push(
        issueOf(
          `/holidays/${i}`,
          'calendar.date',
          'Holiday dates must be real ISO dates',
          '节假日日期必须是有效的 ISO 日期',
        ),
      );
      return;
    }
    if (to < from) {
      issues.push(
        issueOf(
          `/holidays/${i}/endDate`,
          'calendar.date_range',
          'endDate is before date',
          'endDate 早于 date',
        ),
      );
      return;
    }
    if (outside(from) || outside(to)) {
      issues.push(
        issueOf(
          `/holidays/${i}`,
          'calendar.date_outside_coverage',
          `Holiday ${formatDayNumber(from)} lies outside the coverage years; its days outside them are ignored`,
          `节假日 ${formatDayNumber(from)} 超出覆盖年份，覆盖年份以外的日期不起作用`,
          'warning',
        ),
      );
    }
    for (let dn = from; dn <= to; dn++) {
      if (holidayDays.has(dn)) {
        issues.push(
          issueOf(
            `/holidays/${i}`,
            'calendar.duplicate_holiday',
            `${formatDayNumber(dn)} is listed as a holiday twice`,
            `${formatDayNumber(dn)} 被重复列为节假日`,
            'warning',
          ),
        );
      }
      holidayDays.set(dn, String(h.name));
    }
  });
  return holidayDays;
}

/** Swapped working days: real dates inside coverage, not a holiday, not already a working weekday. */
function checkWorkingDays(
  d: Doc,
  q: { outside: (dn: number) => boolean; holidayDays: ReadonlyMap<number, string> },
  issues: Issue[],
): void {
  const { outside, holidayDays } = q;
  const weekdays = d.workingWeekdays;
  const weekdaySet = new Set(Array.isArray(weekdays) ? weekdays : []);
  (Array.isArray(d.workingDays) ? d.workingDays : []).forEach((w, i) => {
    const dn = parseIsoDate(String(w?.date));
    if (dn === undefined) {
      issues.push(
        issueOf(
          `/workingDays/${i}/date`,
          'calendar.date',
          'Working day must be a real ISO date',
          '调休工作日必须是有效的 ISO 日期',
        ),
      );
      return;
    }
    if (outside(dn)) {
      issues.push(
        issueOf(
          `/workingDays/${i}/date`,
          'calendar.date_outside_coverage',
          `Working day ${formatDayNumber(dn)} lies outside the coverage years and is ignored`,
          `调休工作日 ${formatDayNumber(dn)} 超出覆盖年份，不起作用`,
          'warning',
        ),
      );
    }
    if (holidayDays.has(dn)) {
      issues.push(
        issueOf(
          `/workingDays/${i}/date`,
          'calendar.conflict',
          `${formatDayNumber(dn)} is both a holiday (${holidayDays.get(dn)}) and a working day`,
          `${formatDayNumber(dn)} 既是节假日（${holidayDays.get(dn)}）又是调休工作日`,
        ),
      );
    } else if (weekdaySet.has(isoWeekday(dn))) {
      issues.push(
        issueOf(
          `/workingDays/${i}/date`,
          'calendar.redundant_working_day',
          `${formatDayNumber(dn)} is already a regular working day`,
          `${formatDayNumber(dn)} 本来就是工作日`,
          'warning',
        ),
      );
    }
  });
}

/**
 * Checks what the JSON Schema cannot: known time zone, real dates, date ranges, office hours
 * ascending and non-overlapping, dates that are both holiday and working day, swapped working days
 * that are already regular working days (warning). Never throws.
 */
export function checkCalendar(doc: unknown): Issue[] {
  const issues: Issue[] = [];
  if (typeof doc !== 'object' || doc === null) {
    return [issueOf('', 'calendar.not_object', 'Calendar must be an object', '日历必须是对象')];
  }
  const d = doc as Doc;
  checkIdentity(d, issues);
  checkOfficeHours(d, issues);
  checkCoverage(d, issues);
  const covered = coverageOf(d);
  const outside = (dn: number): boolean =>
    covered !== undefined && (dn < covered.fromDay || dn > covered.toDay);
  const holidayDays = checkHolidays(d, outside, issues);
  checkWorkingDays(d, { outside, holidayDays }, issues);
  return issues;
}
