/**
 * @module Working calendar: compiles a calendar document into working-day and working-time arithmetic.
 *
 * Semantics (all in the calendar's time zone):
 * - A working day is a swapped working day (`workingDays`), else not a holiday, else a weekday of
 *   `workingWeekdays`. Swapped working days win over holidays (a conflict is a check error anyway).
 * - Office-hour intervals are half-open `[start, end)`: 09:00 is working time, 12:00 is not.
 * - An instant outside working time "starts counting" at the next working instant
 *   (`nextWorkingTime`): a case received at 20:00 on Friday starts Monday 09:00, one received at
 *   12:10 starts at 13:30, one received on a holiday starts on the next working morning.
 * - `addWorkingDays(t, n)` normalises t to the next working instant s and returns the same local
 *   time of day on the n-th working day after s's day (Sep 30 16:00 + 3 working days over the
 *   National Day week = Oct 10 16:00, a swapped Saturday). The result is always working time.
 * - `addWorkingHours(t, h)` is the earliest instant by which h hours of office time have elapsed
 *   since t; when the budget runs out exactly at an interval end, that end is returned
 *   (09:00 + 3 h = 12:00, not 13:30). `h = 0` returns t unchanged.
 * - `workingTimeBetween(a, b)` is the office time in [a, b) in minutes, negative when b < a.
 * - `workingDaysBetween(a, b)` counts working days after the day of `nextWorkingTime(a)` up to and
 *   including b's local date; hence `workingDaysBetween(t, addWorkingDays(t, n)) === n`. Negative
 *   when b < a (the count from b to a, negated).
 * - Instants are epoch milliseconds (UTC) or ISO strings. A string with `Z` or an offset is an
 *   absolute instant; a string without one (`2026-09-30T16:00`, `2026-09-30`) is read as local
 *   wall-clock time of the calendar's zone, never of the machine.
 * - Coverage: a document lists holidays and swapped days completely for the local years of
 *   `coverage` only. Judging a day outside it follows `outsideCoverage`: `error` throws `RuleError`
 *   `calendar.outside_coverage`; `weekendsOnly` counts every day of `workingWeekdays` as a working
 *   day and {@link WorkingCalendar.isProvisional} tells callers which results depended on such days.
 *   Only days the arithmetic really looks at are judged (a deadline on 30 Dec never fails because
 *   1 Jan is uncovered). A document stored before coverage existed covers the years its dates name.
 * - Chaining: {@link chainCalendars} joins calendars with consecutive coverage (e.g. the same
 *   calendar id in this year's and next year's rule set); each day is judged by the first calendar
 *   covering it, and the first calendar's policy applies to days none covers.
 */
import type { Calendar } from '../../../schemas/types.gen.ts';
import type { Issue } from '../errors.ts';
import { RuleError, ValidationError } from '../errors.ts';
import type { ZoneConverter } from './time-zone.ts';
import {
  createZoneConverter,
  DAY_MS,
  dayNumberOf,
  formatDayNumber,
  isoWeekday,
  isValidTimeZone,
  parseIsoDate,
} from './time-zone.ts';

/** Default zone of Baton calendars. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Calendar document: the type generated from `schemas/calendar.schema.json` (never written twice). */
export type CalendarDocument = Calendar;

/** An instant: epoch milliseconds in UTC, or an ISO string (see module notes for strings without offset). */
export type Instant = string | number;

/** Inclusive range of covered local years. */
export interface CoverageYears {
  from: number;
  to: number;
}

/** What working-time math does on a day outside every covered year. */
export type OutsideCoveragePolicy = CalendarDocument['outsideCoverage'];

/** A compiled calendar. Satisfies `EvalContext.calendar` of the rule language. */
export interface WorkingCalendar {
  readonly id: string;
  readonly timeZone: string;
  /** Office time of one working day, in minutes. */
  readonly minutesPerWorkingDay: number;
  /** Covered year ranges, ascending (several when calendars are chained). */
  readonly coverage: readonly CoverageYears[];
  /** Policy for days outside every covered year. */
  readonly outsideCoverage: OutsideCoveragePolicy;
  /** Whether the holidays of a local ISO date `YYYY-MM-DD` are known (the date lies in a covered year). */
  isCovered(isoDate: string): boolean;
  /**
   * Whether a result computed over [a, b] (either order) is provisional: some local day from a's date
   * to b's date lies outside every covered year (only possible under `weekendsOnly`; `error` throws).
   */
  isProvisional(a: Instant, b: Instant): boolean;
  /** Whether a local ISO date `YYYY-MM-DD` is a working day. Throws `RuleError` on a malformed date. */
  isWorkingDay(isoDate: string): boolean;
  /** Whether an instant falls inside office hours of a working day. */
  isWorkingTime(instant: Instant): boolean;
  /** The instant itself when it is working time, else the start of the next office interval (epoch ms). */
  nextWorkingTime(instant: Instant): number;
  /** n (integer ≥ 0) working days later at the same local time, after normalising (epoch ms). */
  addWorkingDays(instant: Instant, n: number): number;
  /** The instant by which `hours` (≥ 0, fractional allowed) of office time have elapsed (epoch ms). */
  addWorkingHours(instant: Instant, hours: number): number;
  /** Office time in [a, b), in minutes; negative when b < a. */
  workingTimeBetween(a: Instant, b: Instant): number;
  /** Working days after a's (normalised) day up to and including b's date; negative when b < a. */
  workingDaysBetween(a: Instant, b: Instant): number;
  /** Name of the holiday on a local date, if any. */
  holidayName(isoDate: string): string | undefined;
  /** Local ISO date of an instant. */
  localDate(instant: Instant): string;
  /** Local ISO date-time with offset, e.g. `2026-10-10T16:00:00+08:00`. */
  toLocalIso(instant: Instant): string;
}

// Longest stretch searched for a working day before giving up (a calendar with no working time).
const MAX_SCAN_DAYS = 366 * 50;
const TIME = /^(\d{2}):(\d{2})$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

function parseTime(text: string): number | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

function issue(
  path: string,
  code: string,
  en: string,
  zh: string,
  severity: 'error' | 'warning' = 'error',
): Issue {
  return { path, code, message: en, messageZh: zh, severity };
}

/**
 * Checks what the JSON Schema cannot: known time zone, real dates, date ranges, office hours
 * ascending and non-overlapping, dates that are both holiday and working day, swapped working days
 * that are already regular working days (warning). Never throws.
 */
export function checkCalendar(doc: unknown): Issue[] {
  const issues: Issue[] = [];
  if (typeof doc !== 'object' || doc === null) {
    return [issue('', 'calendar.not_object', 'Calendar must be an object', '日历必须是对象')];
  }
  const d = doc as Partial<CalendarDocument>;
  if (d.kind !== 'calendar') {
    issues.push(issue('/kind', 'calendar.kind', 'kind must be "calendar"', 'kind 必须是 "calendar"'));
  }
  if (typeof d.id !== 'string' || d.id === '') {
    issues.push(issue('/id', 'calendar.id', 'id must be a non-empty string', 'id 必须是非空字符串'));
  }
  const tz = d.timeZone ?? DEFAULT_TIME_ZONE;
  if (typeof tz !== 'string' || !isValidTimeZone(tz)) {
    issues.push(issue('/timeZone', 'calendar.time_zone', `Unknown time zone "${tz}"`, `未知的时区 "${tz}"`));
  }
  const weekdays = d.workingWeekdays;
  if (
    !Array.isArray(weekdays) ||
    weekdays.length === 0 ||
    weekdays.some((w) => !Number.isInteger(w) || w < 1 || w > 7)
  ) {
    issues.push(
      issue(
        '/workingWeekdays',
        'calendar.weekdays',
        'workingWeekdays must list ISO weekdays 1–7 (at least one)',
        'workingWeekdays 必须列出 1–7 的 ISO 星期（至少一个）',
      ),
    );
  }
  if (!Array.isArray(d.officeHours) || d.officeHours.length === 0) {
    issues.push(
      issue(
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
          issue(
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
          issue(
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
  const coverage = d.coverage;
  if (coverage === undefined) {
    issues.push(
      issue(
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
      issue(
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
      issue(
        '/outsideCoverage',
        'calendar.outside_coverage_policy',
        'outsideCoverage must be "error" or "weekendsOnly"',
        'outsideCoverage 必须为 "error" 或 "weekendsOnly"',
      ),
    );
  }
  const covered = coverageOf(d);
  const outside = (dn: number): boolean =>
    covered !== undefined && (dn < covered.fromDay || dn > covered.toDay);
  const holidayDays = new Map<number, string>();
  (Array.isArray(d.holidays) ? d.holidays : []).forEach((h, i) => {
    const from = parseIsoDate(String(h?.date));
    const to = h?.endDate === undefined ? from : parseIsoDate(String(h.endDate));
    if (from === undefined || to === undefined) {
      issues.push(
        issue(
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
        issue(`/holidays/${i}/endDate`, 'calendar.date_range', 'endDate is before date', 'endDate 早于 date'),
      );
      return;
    }
    if (outside(from) || outside(to)) {
      issues.push(
        issue(
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
          issue(
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
  const weekdaySet = new Set(Array.isArray(weekdays) ? weekdays : []);
  (Array.isArray(d.workingDays) ? d.workingDays : []).forEach((w, i) => {
    const dn = parseIsoDate(String(w?.date));
    if (dn === undefined) {
      issues.push(
        issue(
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
        issue(
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
        issue(
          `/workingDays/${i}/date`,
          'calendar.conflict',
          `${formatDayNumber(dn)} is both a holiday (${holidayDays.get(dn)}) and a working day`,
          `${formatDayNumber(dn)} 既是节假日（${holidayDays.get(dn)}）又是调休工作日`,
        ),
      );
    } else if (weekdaySet.has(isoWeekday(dn))) {
      issues.push(
        issue(
          `/workingDays/${i}/date`,
          'calendar.redundant_working_day',
          `${formatDayNumber(dn)} is already a regular working day`,
          `${formatDayNumber(dn)} 本来就是工作日`,
          'warning',
        ),
      );
    }
  });
  return issues;
}

/** Day numbers of a covered year range. */
interface CoveredDays {
  from: number;
  to: number;
  fromDay: number;
  toDay: number;
}

const coveredDays = (from: number, to: number): CoveredDays => ({
  from,
  to,
  fromDay: dayNumberOf(from, 1, 1),
  toDay: dayNumberOf(to, 12, 31),
});

/** The declared coverage of a document when it is well-formed. */
function coverageOf(d: Partial<CalendarDocument>): CoveredDays | undefined {
  const c = d.coverage;
  if (typeof c !== 'object' || c === null) return undefined;
  if (!Number.isInteger(c.from) || !Number.isInteger(c.to) || c.to < c.from) return undefined;
  return coveredDays(c.from, c.to);
}

/** Declared coverage, else (a document stored before coverage existed) the years its dates name. */
function effectiveCoverage(doc: CalendarDocument): CoveredDays | undefined {
  const declared = coverageOf(doc);
  if (declared) return declared;
  const years = [
    ...(doc.holidays ?? []).flatMap((h) => [h.date, h.endDate ?? h.date]),
    ...(doc.workingDays ?? []).map((w) => w.date),
  ].map((date) => Number(date.slice(0, 4)));
  return years.length === 0 ? undefined : coveredDays(Math.min(...years), Math.max(...years));
}

/** One compiled document: how it judges the days of its covered years. */
interface CalendarSource {
  id: string;
  covered: CoveredDays | undefined;
  weekdays: Set<number>;
  holidays: Map<number, string>;
  swapped: Set<number>;
  /** Office intervals as [start, end) ms of the local day. */
  office: (readonly [number, number])[];
}

interface CalendarParts {
  id: string;
  zone: ZoneConverter;
  policy: OutsideCoveragePolicy;
  minutesPerWorkingDay: number;
  /** Judged in order: the first covering a day decides it; the first one's weekdays and hours serve uncovered days. */
  sources: CalendarSource[];
}

// The parts of every calendar this module compiled, so calendars can be chained without recompiling.
const partsOf = new WeakMap<WorkingCalendar, CalendarParts>();

/**
 * Compiles a calendar document once into a {@link WorkingCalendar}. Throws `ValidationError`
 * (`calendar.invalid`, issues in `details`) when {@link checkCalendar} reports errors.
 */
export function compileCalendar(doc: CalendarDocument): WorkingCalendar {
  const errors = checkCalendar(doc).filter((i) => i.severity !== 'warning');
  if (errors.length > 0) {
    throw new ValidationError(
      'calendar.invalid',
      {
        en: `Calendar is invalid: ${errors[0]!.message}`,
        zh: `日历无效：${errors[0]!.messageZh ?? errors[0]!.message}`,
      },
      { path: errors[0]!.path, details: errors },
    );
  }
  const zone = createZoneConverter(doc.timeZone ?? DEFAULT_TIME_ZONE);
  const covered = effectiveCoverage(doc);
  const inside = (dn: number) => covered !== undefined && dn >= covered.fromDay && dn <= covered.toDay;
  const holidays = new Map<number, string>();
  for (const h of doc.holidays ?? []) {
    const from = parseIsoDate(h.date)!;
    const to = h.endDate === undefined ? from : parseIsoDate(h.endDate)!;
    for (let dn = from; dn <= to; dn++) if (inside(dn)) holidays.set(dn, h.name);
  }
  const swapped = new Set(
    (doc.workingDays ?? []).map((w) => parseIsoDate(w.date)!).filter((dn) => inside(dn)),
  );
  const office = doc.officeHours.map(
    (o) => [parseTime(o.start)! * 60_000, parseTime(o.end)! * 60_000] as const,
  );
  const minutesPerWorkingDay = office.reduce((s, [a, b]) => s + (b - a) / 60_000, 0);
  const source: CalendarSource = {
    id: doc.id,
    covered,
    weekdays: new Set(doc.workingWeekdays),
    holidays,
    swapped,
    office,
  };
  return createCalendar({
    id: doc.id,
    zone,
    // A document stored before the policy existed behaved like weekendsOnly (without saying so).
    policy: doc.outsideCoverage ?? 'weekendsOnly',
    minutesPerWorkingDay,
    sources: [source],
  });
}

/**
 * Chains compiled calendars: each day is judged by the first calendar (in order) whose coverage
 * includes it; days none covers follow the first calendar's `outsideCoverage`, weekdays and office
 * hours. The result keeps the first calendar's id, zone and working-day length. Use it to let this
 * year's calendar continue into next year's (the same id in the next rule set, or a document for the
 * following years). Throws `RuleError` `calendar.chain_zone` when the time zones differ.
 */
export function chainCalendars(first: WorkingCalendar, next: readonly WorkingCalendar[]): WorkingCalendar {
  const head = partsOf.get(first);
  if (head === undefined || next.length === 0) return first;
  const sources = [...head.sources];
  for (const calendar of next) {
    const parts = partsOf.get(calendar);
    if (parts === undefined) continue;
    if (parts.zone.timeZone !== head.zone.timeZone)
      throw new RuleError(
        'calendar.chain_zone',
        {
          en: `Calendar "${calendar.id}" (${parts.zone.timeZone}) cannot continue "${first.id}" (${head.zone.timeZone}): time zones differ`,
          zh: `日历“${calendar.id}”（${parts.zone.timeZone}）与“${first.id}”（${head.zone.timeZone}）时区不同，不能衔接`,
        },
        { details: { calendarId: calendar.id, continues: first.id } },
      );
    for (const s of parts.sources) if (!sources.includes(s)) sources.push(s);
  }
  return createCalendar({ ...head, sources });
}

function mergeRanges(sources: readonly CalendarSource[]): CoverageYears[] {
  const ranges = sources
    .flatMap((s) => (s.covered ? [{ from: s.covered.from, to: s.covered.to }] : []))
    .sort((a, b) => a.from - b.from);
  const out: CoverageYears[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

function createCalendar(parts: CalendarParts): WorkingCalendar {
  const { zone, sources, policy } = parts;
  const primary = sources[0]!;
  const intervalCache = new Map<number, number[]>();
  const coverage = mergeRanges(sources);

  /** The calendar judging a day, or undefined when no calendar covers it. */
  const sourceOf = (dn: number): CalendarSource | undefined => {
    for (const s of sources) if (s.covered && dn >= s.covered.fromDay && dn <= s.covered.toDay) return s;
    return undefined;
  };

  const outsideCoverage = (dn: number): RuleError => {
    const date = formatDayNumber(dn);
    const years = coverage.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`)).join(', ');
    return new RuleError(
      'calendar.outside_coverage',
      {
        en: `Calendar "${parts.id}" does not cover ${date} (covered: ${years || 'none'}) and its policy outside coverage is "error": import that year's holidays first`,
        zh: `工作日历“${parts.id}”未覆盖 ${date}（已覆盖：${years || '无'}），且覆盖范围外的策略为“报错”：请先导入该年度的节假日安排`,
      },
      { details: { calendarId: parts.id, date, coverage } },
    );
  };

  const isWorkingDayNumber = (dn: number): boolean => {
    const s = sourceOf(dn);
    if (s) return s.swapped.has(dn) || (!s.holidays.has(dn) && s.weekdays.has(isoWeekday(dn)));
    if (policy === 'error') throw outsideCoverage(dn);
    return primary.weekdays.has(isoWeekday(dn));
  };

  /** Office intervals of a day as UTC instants `[s0, e0, s1, e1, …]`. */
  const intervalsOf = (dn: number): number[] => {
    let iv = intervalCache.get(dn);
    if (iv === undefined) {
      if (intervalCache.size > 20_000) intervalCache.clear();
      iv = [];
      for (const [s, e] of (sourceOf(dn) ?? primary).office)
        iv.push(zone.fromLocal(dn, s), zone.fromLocal(dn, e));
      intervalCache.set(dn, iv);
    }
    return iv;
  };

  const toMs = (instant: Instant): number => {
    if (typeof instant === 'number') {
      if (Number.isFinite(instant)) return instant;
    } else if (typeof instant === 'string') {
      const m = INSTANT.exec(instant);
      if (m) {
        const dn = parseIsoDate(`${m[1]}-${m[2]}-${m[3]}`);
        const h = Number(m[4] ?? 0);
        const min = Number(m[5] ?? 0);
        const sec = Number(m[6] ?? 0);
        const ms = Number(`0.${m[7] ?? '0'}`) * 1000;
        if (dn !== undefined && h < 24 && min < 60 && sec < 60) {
          const msOfDay = ((h * 60 + min) * 60 + sec) * 1000 + Math.floor(ms);
          const zoneText = m[8];
          if (zoneText === undefined) return zone.fromLocal(dn, msOfDay);
          if (zoneText === 'Z' || zoneText === 'z') return dn * DAY_MS + msOfDay;
          const sign = zoneText.startsWith('-') ? -1 : 1;
          const digits = zoneText.slice(1).replace(':', '');
          const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
          return dn * DAY_MS + msOfDay - offset;
        }
      }
    }
    throw new RuleError('calendar.invalid_instant', {
      en: `Not an instant: ${JSON.stringify(instant)}`,
      zh: `不是有效的时间点：${JSON.stringify(instant)}`,
    });
  };

  const dateToDayNumber = (isoDate: string): number => {
    const dn = typeof isoDate === 'string' ? parseIsoDate(isoDate) : undefined;
    if (dn === undefined) {
      throw new RuleError('calendar.invalid_date', {
        en: `Not an ISO date (YYYY-MM-DD): ${JSON.stringify(isoDate)}`,
        zh: `不是 ISO 日期（YYYY-MM-DD）：${JSON.stringify(isoDate)}`,
      });
    }
    return dn;
  };

  const noWorkingTime = (): RuleError =>
    new RuleError('calendar.no_working_time', {
      en: 'No working time found within the search horizon',
      zh: '在搜索范围内找不到工作时间',
    });

  const nextWorking = (t: number): number => {
    let dn = zone.toLocal(t).dayNumber;
    for (let k = 0; k < MAX_SCAN_DAYS; k++, dn++) {
      if (!isWorkingDayNumber(dn)) continue;
      const iv = intervalsOf(dn);
      for (let i = 0; i < iv.length; i += 2) if (t < iv[i + 1]!) return Math.max(t, iv[i]!);
    }
    throw noWorkingTime();
  };

  const isWorkingTimeMs = (t: number): boolean => {
    const dn = zone.toLocal(t).dayNumber;
    if (!isWorkingDayNumber(dn)) return false;
    const iv = intervalsOf(dn);
    for (let i = 0; i < iv.length; i += 2) if (t >= iv[i]! && t < iv[i + 1]!) return true;
    return false;
  };

  const countWorkingDays = (fromExclusive: number, toInclusive: number): number => {
    let count = 0;
    for (let dn = fromExclusive + 1; dn <= toInclusive; dn++) if (isWorkingDayNumber(dn)) count++;
    return count;
  };

  const workingMsBetween = (a: number, b: number): number => {
    let total = 0;
    const last = zone.toLocal(b).dayNumber;
    for (let dn = zone.toLocal(a).dayNumber - 1; dn <= last + 1; dn++) {
      const iv = intervalsOf(dn);
      let day = 0;
      for (let i = 0; i < iv.length; i += 2) {
        const overlap = Math.min(iv[i + 1]!, b) - Math.max(iv[i]!, a);
        if (overlap > 0) day += overlap;
      }
      // Judge only days whose office hours overlap [a, b): the neighbours are there for zone shifts.
      if (day > 0 && isWorkingDayNumber(dn)) total += day;
    }
    return total;
  };

  const isProvisionalRange = (a: number, b: number): boolean => {
    if (policy === 'error') return false;
    const [from, to] = a <= b ? [a, b] : [b, a];
    const last = zone.toLocal(to).dayNumber;
    for (let dn = zone.toLocal(from).dayNumber; dn <= last; dn++) {
      const s = sourceOf(dn);
      if (s === undefined) return true;
      dn = Math.min(last, s.covered!.toDay);
    }
    return false;
  };

  const calendar: WorkingCalendar = {
    id: parts.id,
    timeZone: zone.timeZone,
    minutesPerWorkingDay: parts.minutesPerWorkingDay,
    coverage,
    outsideCoverage: policy,
    isCovered: (isoDate) => sourceOf(dateToDayNumber(isoDate)) !== undefined,
    isProvisional: (a, b) => isProvisionalRange(toMs(a), toMs(b)),
    isWorkingDay: (isoDate) => isWorkingDayNumber(dateToDayNumber(isoDate)),
    isWorkingTime: (instant) => isWorkingTimeMs(toMs(instant)),
    nextWorkingTime: (instant) => nextWorking(toMs(instant)),
    addWorkingDays(instant, n) {
      if (!Number.isInteger(n) || n < 0) {
        throw new RuleError('calendar.invalid_amount', {
          en: `Working days must be a non-negative integer, got ${n}`,
          zh: `工作日数必须是非负整数，实际为 ${n}`,
        });
      }
      const start = nextWorking(toMs(instant));
      const local = zone.toLocal(start);
      let dn = local.dayNumber;
      for (let count = 0, k = 0; count < n; k++) {
        if (k > MAX_SCAN_DAYS + n * 7) throw noWorkingTime();
        dn++;
        if (isWorkingDayNumber(dn)) count++;
      }
      const result = zone.fromLocal(dn, local.msOfDay);
      // Only a DST gap at the same wall-clock time could leave office hours; step forward then.
      return isWorkingTimeMs(result) ? result : nextWorking(result);
    },
    addWorkingHours(instant, hours) {
      if (!Number.isFinite(hours) || hours < 0) {
        throw new RuleError('calendar.invalid_amount', {
          en: `Working hours must be a non-negative number, got ${hours}`,
          zh: `工作小时数必须是非负数，实际为 ${hours}`,
        });
      }
      const t = toMs(instant);
      let remaining = Math.round(hours * 3_600_000);
      if (remaining === 0) return t;
      let dn = zone.toLocal(t).dayNumber;
      const horizon = MAX_SCAN_DAYS + Math.ceil(remaining / DAY_MS) * 7;
      for (let k = 0; k < horizon; k++, dn++) {
        if (!isWorkingDayNumber(dn)) continue;
        const iv = intervalsOf(dn);
        for (let i = 0; i < iv.length; i += 2) {
          const end = iv[i + 1]!;
          if (end <= t) continue;
          const from = Math.max(iv[i]!, t);
          if (remaining <= end - from) return from + remaining;
          remaining -= end - from;
        }
      }
      throw noWorkingTime();
    },
    workingTimeBetween(a, b) {
      const ta = toMs(a);
      const tb = toMs(b);
      return tb >= ta ? workingMsBetween(ta, tb) / 60_000 : -workingMsBetween(tb, ta) / 60_000;
    },
    workingDaysBetween(a, b) {
      const ta = toMs(a);
      const tb = toMs(b);
      const [from, to, sign] = tb >= ta ? [ta, tb, 1] : [tb, ta, -1];
      const startDay = zone.toLocal(nextWorking(from)).dayNumber;
      const endDay = zone.toLocal(to).dayNumber;
      return endDay > startDay ? sign * countWorkingDays(startDay, endDay) : 0;
    },
    holidayName(isoDate) {
      const dn = dateToDayNumber(isoDate);
      return sourceOf(dn)?.holidays.get(dn);
    },
    localDate: (instant) => formatDayNumber(zone.toLocal(toMs(instant)).dayNumber),
    toLocalIso(instant) {
      const t = toMs(instant);
      const offset = zone.offsetMs(t);
      const text = new Date(t + offset).toISOString().slice(0, 19);
      const abs = Math.abs(offset) / 60_000;
      const hh = String(Math.floor(abs / 60)).padStart(2, '0');
      const mm = String(abs % 60).padStart(2, '0');
      return `${text}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
    },
  };
  partsOf.set(calendar, parts);
  return calendar;
}
