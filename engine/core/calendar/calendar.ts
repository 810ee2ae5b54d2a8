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
import { RuleError, ValidationError } from '../errors.ts';
import type { ZoneConverter } from './time-zone.ts';
import { type CoveredDays, checkCalendar, coverageOf, coveredDays, parseTime } from './check-calendar.ts';
import {
  createZoneConverter,
  DEFAULT_TIME_ZONE,
  DAY_MS,
  formatDayNumber,
  isoWeekday,
  parseIsoDate,
} from './time-zone.ts';

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
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

// The check has its own file; importers (the rule-set check, the CLI) keep reading it here.
export { checkCalendar };

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

/** Errors of a bad argument or of a calendar with no working time at all. */
const noWorkingTime = (): RuleError =>
  new RuleError('calendar.no_working_time', {
    en: 'No working time found within the search horizon',
    zh: '在搜索范围内找不到工作时间',
  });

function invalidInstant(instant: unknown): RuleError {
  return new RuleError('calendar.invalid_instant', {
    en: `Not an instant: ${JSON.stringify(instant)}`,
    zh: `不是有效的时间点：${JSON.stringify(instant)}`,
  });
}

/** Epoch milliseconds of an instant: a finite number, or ISO text (no zone: the calendar's local time). */
function toMs(zone: ZoneConverter, instant: Instant): number {
  if (typeof instant === 'number') {
    if (Number.isFinite(instant)) return instant;
    throw invalidInstant(instant);
  }
  const m = typeof instant === 'string' ? INSTANT.exec(instant) : null;
  if (!m) throw invalidInstant(instant);
  const dn = parseIsoDate(`${m[1]}-${m[2]}-${m[3]}`);
  const h = Number(m[4] ?? 0);
  const min = Number(m[5] ?? 0);
  const sec = Number(m[6] ?? 0);
  const ms = Number(`0.${m[7] ?? '0'}`) * 1000;
  if (dn === undefined || !(h < 24 && min < 60 && sec < 60)) throw invalidInstant(instant);
  const msOfDay = ((h * 60 + min) * 60 + sec) * 1000 + Math.floor(ms);
  const zoneText = m[8];
  if (zoneText === undefined) return zone.fromLocal(dn, msOfDay);
  if (zoneText === 'Z' || zoneText === 'z') return dn * DAY_MS + msOfDay;
  const sign = zoneText.startsWith('-') ? -1 : 1;
  const digits = zoneText.slice(1).replace(':', '');
  const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return dn * DAY_MS + msOfDay - offset;
}

function dateToDayNumber(isoDate: string): number {
  const dn = typeof isoDate === 'string' ? parseIsoDate(isoDate) : undefined;
  if (dn === undefined) {
    throw new RuleError('calendar.invalid_date', {
      en: `Not an ISO date (YYYY-MM-DD): ${JSON.stringify(isoDate)}`,
      zh: `不是 ISO 日期（YYYY-MM-DD）：${JSON.stringify(isoDate)}`,
    });
  }
  return dn;
}

/** Local ISO date-time with offset of an instant in `zone`. */
function localIso(zone: ZoneConverter, t: number): string {
  const offset = zone.offsetMs(t);
  const text = new Date(t + offset).toISOString().slice(0, 19);
  const abs = Math.abs(offset) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${text}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** How a (chained) calendar judges days: which document covers a day, working or not, office intervals. */
interface Days {
  zone: ZoneConverter;
  policy: OutsideCoveragePolicy;
  sourceOf(dn: number): CalendarSource | undefined;
  isWorkingDayNumber(dn: number): boolean;
  /** Office intervals of a day as UTC instants `[s0, e0, s1, e1, …]`. */
  intervalsOf(dn: number): number[];
}

function daysOf(parts: CalendarParts, coverage: readonly CoverageYears[]): Days {
  const { zone, sources, policy } = parts;
  const primary = sources[0]!;
  const intervalCache = new Map<number, number[]>();
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
  return {
    zone,
    policy,
    sourceOf,
    isWorkingDayNumber(dn) {
      const s = sourceOf(dn);
      if (s) return s.swapped.has(dn) || (!s.holidays.has(dn) && s.weekdays.has(isoWeekday(dn)));
      if (policy === 'error') throw outsideCoverage(dn);
      return primary.weekdays.has(isoWeekday(dn));
    },
    intervalsOf(dn) {
      let iv = intervalCache.get(dn);
      if (iv === undefined) {
        if (intervalCache.size > 20_000) intervalCache.clear();
        iv = [];
        for (const [s, e] of (sourceOf(dn) ?? primary).office)
          iv.push(zone.fromLocal(dn, s), zone.fromLocal(dn, e));
        intervalCache.set(dn, iv);
      }
      return iv;
    },
  };
}

function nextWorking(days: Days, t: number): number {
  let dn = days.zone.toLocal(t).dayNumber;
  for (let k = 0; k < MAX_SCAN_DAYS; k++, dn++) {
    if (!days.isWorkingDayNumber(dn)) continue;
    const iv = days.intervalsOf(dn);
    for (let i = 0; i < iv.length; i += 2) if (t < iv[i + 1]!) return Math.max(t, iv[i]!);
  }
  throw noWorkingTime();
}

function isWorkingTimeMs(days: Days, t: number): boolean {
  const dn = days.zone.toLocal(t).dayNumber;
  if (!days.isWorkingDayNumber(dn)) return false;
  const iv = days.intervalsOf(dn);
  for (let i = 0; i < iv.length; i += 2) if (t >= iv[i]! && t < iv[i + 1]!) return true;
  return false;
}

function countWorkingDays(days: Days, fromExclusive: number, toInclusive: number): number {
  let count = 0;
  for (let dn = fromExclusive + 1; dn <= toInclusive; dn++) if (days.isWorkingDayNumber(dn)) count++;
  return count;
}

function workingMsBetween(days: Days, a: number, b: number): number {
  let total = 0;
  const last = days.zone.toLocal(b).dayNumber;
  for (let dn = days.zone.toLocal(a).dayNumber - 1; dn <= last + 1; dn++) {
    const iv = days.intervalsOf(dn);
    let day = 0;
    for (let i = 0; i < iv.length; i += 2) {
      const overlap = Math.min(iv[i + 1]!, b) - Math.max(iv[i]!, a);
      if (overlap > 0) day += overlap;
    }
    // Judge only days whose office hours overlap [a, b): the neighbours are there for zone shifts.
    if (day > 0 && days.isWorkingDayNumber(dn)) total += day;
  }
  return total;
}

function isProvisionalRange(days: Days, a: number, b: number): boolean {
  if (days.policy === 'error') return false;
  const [from, to] = a <= b ? [a, b] : [b, a];
  const last = days.zone.toLocal(to).dayNumber;
  for (let dn = days.zone.toLocal(from).dayNumber; dn <= last; dn++) {
    const s = days.sourceOf(dn);
    if (s === undefined) return true;
    dn = Math.min(last, s.covered!.toDay);
  }
  return false;
}

function addWorkingDays(days: Days, instant: Instant, n: number): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new RuleError('calendar.invalid_amount', {
      en: `Working days must be a non-negative integer, got ${n}`,
      zh: `工作日数必须是非负整数，实际为 ${n}`,
    });
  }
  const { zone } = days;
  const start = nextWorking(days, toMs(zone, instant));
  const local = zone.toLocal(start);
  let dn = local.dayNumber;
  for (let count = 0, k = 0; count < n; k++) {
    if (k > MAX_SCAN_DAYS + n * 7) throw noWorkingTime();
    dn++;
    if (days.isWorkingDayNumber(dn)) count++;
  }
  const result = zone.fromLocal(dn, local.msOfDay);
  // Only a DST gap at the same wall-clock time could leave office hours; step forward then.
  return isWorkingTimeMs(days, result) ? result : nextWorking(days, result);
}

function addWorkingHours(days: Days, instant: Instant, hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RuleError('calendar.invalid_amount', {
      en: `Working hours must be a non-negative number, got ${hours}`,
      zh: `工作小时数必须是非负数，实际为 ${hours}`,
    });
  }
  const t = toMs(days.zone, instant);
  let remaining = Math.round(hours * 3_600_000);
  if (remaining === 0) return t;
  let dn = days.zone.toLocal(t).dayNumber;
  const horizon = MAX_SCAN_DAYS + Math.ceil(remaining / DAY_MS) * 7;
  for (let k = 0; k < horizon; k++, dn++) {
    if (!days.isWorkingDayNumber(dn)) continue;
    const iv = days.intervalsOf(dn);
    for (let i = 0; i < iv.length; i += 2) {
      const end = iv[i + 1]!;
      if (end <= t) continue;
      const from = Math.max(iv[i]!, t);
      if (remaining <= end - from) return from + remaining;
      remaining -= end - from;
    }
  }
  throw noWorkingTime();
}

function createCalendar(parts: CalendarParts): WorkingCalendar {
  const { zone, policy } = parts;
  const coverage = mergeRanges(parts.sources);
  const days = daysOf(parts, coverage);
  const ms = (instant: Instant) => toMs(zone, instant);
  const calendar: WorkingCalendar = {
    id: parts.id,
    timeZone: zone.timeZone,
    minutesPerWorkingDay: parts.minutesPerWorkingDay,
    coverage,
    outsideCoverage: policy,
    isCovered: (isoDate) => days.sourceOf(dateToDayNumber(isoDate)) !== undefined,
    isProvisional: (a, b) => isProvisionalRange(days, ms(a), ms(b)),
    isWorkingDay: (isoDate) => days.isWorkingDayNumber(dateToDayNumber(isoDate)),
    isWorkingTime: (instant) => isWorkingTimeMs(days, ms(instant)),
    nextWorkingTime: (instant) => nextWorking(days, ms(instant)),
    addWorkingDays: (instant, n) => addWorkingDays(days, instant, n),
    addWorkingHours: (instant, hours) => addWorkingHours(days, instant, hours),
    workingTimeBetween(a, b) {
      const ta = ms(a);
      const tb = ms(b);
      return tb >= ta ? workingMsBetween(days, ta, tb) / 60_000 : -workingMsBetween(days, tb, ta) / 60_000;
    },
    workingDaysBetween(a, b) {
      const ta = ms(a);
      const tb = ms(b);
      const [from, to, sign] = tb >= ta ? [ta, tb, 1] : [tb, ta, -1];
      const startDay = zone.toLocal(nextWorking(days, from)).dayNumber;
      const endDay = zone.toLocal(to).dayNumber;
      return endDay > startDay ? sign * countWorkingDays(days, startDay, endDay) : 0;
    },
    holidayName(isoDate) {
      const dn = dateToDayNumber(isoDate);
      return days.sourceOf(dn)?.holidays.get(dn);
    },
    localDate: (instant) => formatDayNumber(zone.toLocal(ms(instant)).dayNumber),
    toLocalIso: (instant) => localIso(zone, ms(instant)),
  };
  partsOf.set(calendar, parts);
  return calendar;
}
