/**
 * @module Calendar import: pure parsers from the holiday-cn JSON format (one file per year:
 * `{year, papers, days:[{name, date, isOffDay}]}`) and from iCalendar (.ics, all-day VEVENTs), into a
 * calendar document whose `coverage` is exactly the years the file lists, and a merge that adds
 * imported years to an existing calendar.
 *
 * Honesty about unknown years: a holiday-cn file whose `days` is empty (the State Council has not
 * published that year yet) covers nothing; importing only such files fails with
 * `calendar.import_empty` instead of producing a calendar that claims the year has no holidays.
 *
 * iCalendar: only the subset holiday feeds use is read (VEVENT with SUMMARY, DTSTART and DTEND or
 * DURATION of whole days), after RFC 5545 line unfolding and TEXT unescaping; no library is needed
 * for that, and core stays free of packages. An event whose SUMMARY starts with 上班 or names 补班/调休上班
 * is a swapped working day; every other all-day event is a day off.
 */
import type { Issue } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { CalendarDocument } from './calendar.ts';
import { checkCalendar } from './check-calendar.ts';
import { DEFAULT_TIME_ZONE } from './time-zone.ts';
import type { CalendarDay } from './days.ts';
import { calendarDays, dayRuns } from './days.ts';
import { formatDayNumber, parseIsoDate } from './time-zone.ts';

/** Where the days of an import came from. */
export type CalendarImportFormat = 'holiday-cn' | 'ical' | 'calendar';

/** Options of an import. `base` gives the weekly pattern, hours, zone and policy (and is merged into when `merge`). */
export interface CalendarImportOptions {
  /** Id of the new calendar (default: `base.id`, else `cn-<first year>[-<last year>]`). */
  id?: string;
  /** Display name (default: base's name, else a Chinese name naming the years). */
  name?: string;
  /** Calendar whose weekdays, office hours, zone and outside-coverage policy the import keeps. */
  base?: CalendarDocument;
  /** Add the imported years to `base` (its other years stay) instead of replacing its days. */
  merge?: boolean;
}

/** Result of an import: the calendar document, the years the file covers and what the reader noticed. */
export interface CalendarImport {
  calendar: CalendarDocument;
  format: CalendarImportFormat;
  /** Years the file lists completely, ascending. */
  years: number[];
  /** Non-fatal findings (years without data, skipped events), bilingual. */
  warnings: Issue[];
}

/** Weekly pattern and office hours of an import without a base calendar: the common Chinese office week. */
export const DEFAULT_IMPORT_TEMPLATE = {
  timeZone: DEFAULT_TIME_ZONE,
  workingWeekdays: [1, 2, 3, 4, 5],
  officeHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
  outsideCoverage: 'weekendsOnly',
} as const satisfies Partial<CalendarDocument>;

const warning = (path: string, code: string, en: string, zh: string): Issue => ({
  path,
  code,
  message: en,
  messageZh: zh,
  severity: 'warning',
});

const fail = (code: string, en: string, zh: string, details?: unknown): ValidationError =>
  new ValidationError(code, { en, zh }, { details });

const yearOf = (date: string): number => Number(date.slice(0, 4));

// ---------------------------------------------------------------------------------------------
// holiday-cn JSON

interface HolidayCnYear {
  year: number;
  papers: string[];
  days: { name: string; date: string; isOffDay: boolean }[];
}

function readHolidayCn(raw: unknown, index: number): HolidayCnYear {
  const at = index === 0 ? '' : ` (file ${index + 1})`;
  const o = raw as Partial<HolidayCnYear> | null;
  if (typeof o !== 'object' || o === null || !Number.isInteger(o.year) || !Array.isArray(o.days))
    throw fail(
      'calendar.import_format',
      `Not a holiday-cn year file${at}: expected {year, papers, days}`,
      `不是 holiday-cn 年度文件${at}：应为 {year, papers, days}`,
    );
  o.days.forEach((d, i) => {
    if (
      typeof d !== 'object' ||
      d === null ||
      typeof d.name !== 'string' ||
      parseIsoDate(String(d.date)) === undefined ||
      typeof d.isOffDay !== 'boolean'
    )
      throw fail(
        'calendar.import_format',
        `Day ${i + 1} of the ${o.year} file${at} needs name, an ISO date and isOffDay`,
        `${o.year} 年文件${at}第 ${i + 1} 天须有 name、ISO 日期和 isOffDay`,
        { index: i },
      );
  });
  return {
    year: o.year!,
    papers: Array.isArray(o.papers) ? o.papers.map(String) : [],
    days: o.days,
  };
}

/**
 * Reads one or more holiday-cn year files (e.g. 2026.json, 2027.json) into a calendar covering the
 * years that list days. Throws `ValidationError` `calendar.import_format` on another shape,
 * `calendar.import_empty` when no year lists any day, `calendar.coverage_gap` when the years with
 * days are not consecutive.
 */
export function importHolidayCn(files: unknown, options: CalendarImportOptions = {}): CalendarImport {
  const years = (Array.isArray(files) ? files : [files]).map(readHolidayCn);
  const warnings: Issue[] = [];
  const days: CalendarDay[] = [];
  const covered: number[] = [];
  const papers: string[] = [];
  for (const y of years) {
    if (y.days.length === 0) {
      warnings.push(
        warning(
          `/${y.year}`,
          'calendar.import_year_empty',
          `The ${y.year} file lists no days: that year's schedule is not published yet, so ${y.year} is not covered`,
          `${y.year} 年文件没有任何日期：该年度安排尚未公布，因此不覆盖 ${y.year} 年`,
        ),
      );
      continue;
    }
    covered.push(y.year);
    papers.push(...y.papers);
    for (const d of y.days) {
      if (yearOf(d.date) !== y.year) {
        warnings.push(
          warning(
            `/${y.year}`,
            'calendar.import_other_year',
            `${d.date} (${d.name}) is not in ${y.year}; it belongs to that year's own file and is skipped`,
            `${d.date}（${d.name}）不在 ${y.year} 年内，应由该年度文件提供，已跳过`,
          ),
        );
        continue;
      }
      days.push(
        d.isOffDay
          ? { date: d.date, type: 'holiday', name: d.name }
          : { date: d.date, type: 'workingDay', name: `${d.name}调休` },
      );
    }
  }
  if (covered.length === 0) {
    const list = years.map((y) => y.year).join(', ');
    throw fail(
      'calendar.import_empty',
      `The holiday-cn file(s) for ${list} list no days: the schedule has not been published yet. Nothing was imported; until it is, deadlines in those years follow the calendar's outsideCoverage policy`,
      `holiday-cn 文件（${list} 年）没有任何日期：该年度节假日安排尚未公布，未导入任何内容；公布之前，这些年份的时限按日历的“覆盖范围外”策略计算`,
      { years: years.map((y) => y.year) },
    );
  }
  const description = papers.length > 0 ? `国务院办公厅通知：${papers.join(' ')}` : undefined;
  return build({ format: 'holiday-cn', days, years: covered, warnings, description }, options);
}

// ---------------------------------------------------------------------------------------------
// iCalendar

/** One content line: name, parameters (upper-cased keys) and the raw value. */
interface ContentLine {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** RFC 5545 §3.1: a CRLF (or LF) followed by one space or tab continues the previous line. */
export function unfoldICalendar(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
}

function parseContentLine(line: string): ContentLine | undefined {
  // The name and parameters end at the first colon outside a quoted parameter value.
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return undefined;
  const [name, ...rawParams] = line.slice(0, colon).split(';');
  const params: Record<string, string> = {};
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: name!.toUpperCase(), params, value: line.slice(colon + 1) };
}

/** RFC 5545 §3.3.11 TEXT unescaping. */
const unescapeText = (value: string): string =>
  value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** Day number of a DATE (`20260101`) or of the date part of a DATE-TIME value. */
function dayOfValue(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value.trim());
  return m ? parseIsoDate(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}

/** Whole days of a DURATION like `P3D` or `P1W`; undefined for durations with a time part. */
function daysOfDuration(value: string): number | undefined {
  const m = /^\+?P(?:(\d+)W|(\d+)D)$/.exec(value.trim());
  if (!m) return undefined;
  return m[1] !== undefined ? Number(m[1]) * 7 : Number(m[2]);
}

const WORKING_SUMMARY = /^(上班|补班)|调休上班|补班/;

/** `元旦假期` → `元旦`; `上班(补春节假期)` → `春节调休`. */
function dayName(summary: string, isWorking: boolean): string {
  const text = summary.trim();
  if (isWorking) {
    const m = /补(.+?)(假期|假)?[)）]?$/.exec(text);
    return m ? `${m[1]}调休` : text;
  }
  return text.replace(/(假期|放假|休假)$/, '') || text;
}

/**
 * Reads an iCalendar text (e.g. holiday-cn's `2026.ics`) into a calendar covering the years its
 * all-day events fall in. Events with a time of day, recurrence rules or no date are skipped with a
 * warning. Throws `ValidationError` `calendar.import_format` when the text is not a VCALENDAR,
 * `calendar.import_empty` when it has no usable event, `calendar.coverage_gap` when a year between the
 * first and the last has no event.
 */
export function importICalendar(text: string, options: CalendarImportOptions = {}): CalendarImport {
  const lines = unfoldICalendar(text);
  if (!/^BEGIN:VCALENDAR$/i.test(lines[0]?.trim() ?? ''))
    throw fail(
      'calendar.import_format',
      'Not an iCalendar file: it must start with BEGIN:VCALENDAR',
      '不是 iCalendar 文件：必须以 BEGIN:VCALENDAR 开头',
    );
  const warnings: Issue[] = [];
  const days: CalendarDay[] = [];
  let event: ContentLine[] | undefined;
  let eventNumber = 0;
  let depth = 0;
  for (const raw of lines) {
    const line = parseContentLine(raw);
    if (!line) continue;
    if (line.name === 'BEGIN' && line.value.toUpperCase() === 'VEVENT') {
      event = [];
      eventNumber++;
      depth = 0;
      continue;
    }
    if (event === undefined) continue;
    // Components nested in an event (VALARM) are not part of its own properties.
    if (line.name === 'BEGIN') depth++;
    else if (line.name === 'END' && depth > 0) depth--;
    else if (line.name === 'END' && line.value.toUpperCase() === 'VEVENT') {
      days.push(...eventDays(event, eventNumber, warnings));
      event = undefined;
    } else if (depth === 0) event.push(line);
  }
  if (days.length === 0)
    throw fail(
      'calendar.import_empty',
      'The iCalendar file has no all-day holiday or working-day event; nothing was imported',
      'iCalendar 文件中没有全天的放假或调休上班事件，未导入任何内容',
    );
  const years = [...new Set(days.map((d) => yearOf(d.date)))].sort((a, b) => a - b);
  const name = lines.map(parseContentLine).find((l) => l?.name === 'X-WR-CALNAME');
  const description = name ? `iCalendar: ${unescapeText(name.value)}` : undefined;
  return build({ format: 'ical', days, years, warnings, description }, options);
}

function eventDays(props: ContentLine[], n: number, warnings: Issue[]): CalendarDay[] {
  const get = (name: string) => props.find((p) => p.name === name);
  const summary = unescapeText(get('SUMMARY')?.value ?? '');
  const where = `/events/${n - 1}`;
  const skip = (en: string, zh: string): CalendarDay[] => {
    warnings.push(
      warning(
        where,
        'calendar.import_event_skipped',
        `Event ${n} (${summary || 'no summary'}) skipped: ${en}`,
        `第 ${n} 个事件（${summary || '无标题'}）已跳过：${zh}`,
      ),
    );
    return [];
  };
  if (get('RRULE') || get('RDATE')) return skip('recurring events are not read', '不读取重复事件');
  const start = get('DTSTART');
  const startDay = start ? dayOfValue(start.value) : undefined;
  if (!start || startDay === undefined) return skip('no DTSTART date', '没有 DTSTART 日期');
  const isDate = start.params.VALUE?.toUpperCase() === 'DATE' || /^\d{8}$/.test(start.value.trim());
  if (!isDate) return skip('not an all-day event', '不是全天事件');
  const end = get('DTEND');
  const duration = get('DURATION');
  let endDay = startDay + 1; // RFC 5545: a DATE DTSTART without DTEND or DURATION lasts one day.
  if (end) {
    const e = dayOfValue(end.value);
    if (e === undefined) return skip('unreadable DTEND', '无法读取 DTEND');
    endDay = e;
  } else if (duration) {
    const d = daysOfDuration(duration.value);
    if (d === undefined) return skip('DURATION is not whole days', 'DURATION 不是整天');
    endDay = startDay + d;
  }
  if (endDay <= startDay) return skip('DTEND is not after DTSTART', 'DTEND 不晚于 DTSTART');
  if (endDay - startDay > 366) return skip('longer than a year', '超过一年');
  const isWorking = WORKING_SUMMARY.test(summary.trim());
  const name = dayName(summary, isWorking);
  const out: CalendarDay[] = [];
  // DTEND of an all-day event is exclusive.
  for (let dn = startDay; dn < endDay; dn++)
    out.push({ date: formatDayNumber(dn), type: isWorking ? 'workingDay' : 'holiday', name });
  return out;
}

// ---------------------------------------------------------------------------------------------
// building and merging documents

function assertConsecutive(years: readonly number[]): void {
  const missing: number[] = [];
  for (let y = years[0]!; y <= years[years.length - 1]!; y++) if (!years.includes(y)) missing.push(y);
  if (missing.length > 0)
    throw fail(
      'calendar.coverage_gap',
      `A calendar covers consecutive years; ${missing.join(', ')} would be missing between ${years[0]} and ${years[years.length - 1]}`,
      `日历须覆盖连续的年份；${years[0]}–${years[years.length - 1]} 之间缺少 ${missing.join('、')} 年`,
      { missing },
    );
}

/** The `holidays` and `workingDays` of a document from listed days (runs of the same holiday become ranges). */
export function daysToDocumentLists(
  days: readonly CalendarDay[],
): Pick<CalendarDocument, 'holidays' | 'workingDays'> {
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const holidays: NonNullable<CalendarDocument['holidays']> = [];
  const workingDays: NonNullable<CalendarDocument['workingDays']> = [];
  for (const run of dayRuns(sorted)) {
    if (run.type === 'holiday')
      holidays.push(
        run.to === run.from
          ? { date: run.from, name: run.name }
          : { date: run.from, endDate: run.to, name: run.name },
      );
    else
      for (let dn = parseIsoDate(run.from)!; dn <= parseIsoDate(run.to)!; dn++)
        workingDays.push(
          run.name === '' ? { date: formatDayNumber(dn) } : { date: formatDayNumber(dn), name: run.name },
        );
  }
  return { holidays, workingDays };
}

const yearsText = (from: number, to: number) => (from === to ? `${from}` : `${from}–${to}`);

function build(
  parsed: {
    format: CalendarImportFormat;
    days: CalendarDay[];
    years: number[];
    warnings: Issue[];
    description?: string;
  },
  options: CalendarImportOptions,
): CalendarImport {
  assertConsecutive(parsed.years);
  const from = parsed.years[0]!;
  const to = parsed.years[parsed.years.length - 1]!;
  const base = options.base;
  const template = base ?? DEFAULT_IMPORT_TEMPLATE;
  const imported: CalendarDocument = {
    kind: 'calendar',
    id: options.id ?? base?.id ?? `cn-${from === to ? from : `${from}-${to}`}`,
    schemaVersion: 1,
    name: options.name ?? base?.name ?? `${yearsText(from, to)} 年全国法定节假日工作日历`,
    ...(parsed.description ? { description: parsed.description } : {}),
    timeZone: template.timeZone ?? DEFAULT_TIME_ZONE,
    coverage: { from, to },
    outsideCoverage: template.outsideCoverage ?? 'weekendsOnly',
    workingWeekdays: [...template.workingWeekdays],
    officeHours: template.officeHours.map((o) => ({ ...o })),
    ...daysToDocumentLists(parsed.days),
  };
  const calendar = base && options.merge ? mergeCalendars(base, imported) : imported;
  if (options.name !== undefined) calendar.name = options.name;
  if (options.id !== undefined) calendar.id = options.id;
  const errors = checkCalendar(calendar).filter((i) => i.severity !== 'warning');
  if (errors.length > 0)
    throw new ValidationError(
      'calendar.invalid',
      {
        en: `The imported calendar is invalid: ${errors[0]!.message}`,
        zh: `导入的日历无效：${errors[0]!.messageZh ?? errors[0]!.message}`,
      },
      { path: errors[0]!.path, details: errors },
    );
  return { calendar, format: parsed.format, years: parsed.years, warnings: parsed.warnings };
}

/**
 * Adds the years `incoming` covers to `base`: base's days in those years are replaced by incoming's,
 * its other years stay; coverage becomes the union, which must stay consecutive. Base's id, name,
 * weekly pattern, hours, zone and policy are kept. Throws `ValidationError` `calendar.coverage_gap`
 * when the union leaves a year out, `calendar.merge_zone` when the zones differ.
 */
export function mergeCalendars(base: CalendarDocument, incoming: CalendarDocument): CalendarDocument {
  if ((base.timeZone ?? DEFAULT_TIME_ZONE) !== (incoming.timeZone ?? DEFAULT_TIME_ZONE))
    throw fail(
      'calendar.merge_zone',
      `Calendars in different time zones cannot be merged (${base.timeZone} / ${incoming.timeZone})`,
      `不同时区的日历不能合并（${base.timeZone} / ${incoming.timeZone}）`,
    );
  const span = (c: CalendarDocument): number[] => {
    const out: number[] = [];
    for (let y = c.coverage.from; y <= c.coverage.to; y++) out.push(y);
    return out;
  };
  const incomingYears = new Set(span(incoming));
  const years = [...new Set([...span(base), ...incomingYears])].sort((a, b) => a - b);
  assertConsecutive(years);
  const kept = calendarDays(base).filter((d) => !incomingYears.has(yearOf(d.date)));
  const added = calendarDays(incoming).filter((d) => incomingYears.has(yearOf(d.date)));
  const descriptions = [base.description, incoming.description].filter(
    (d, i, all): d is string => typeof d === 'string' && d !== '' && all.indexOf(d) === i,
  );
  return {
    ...structuredClone(base),
    ...(descriptions.length > 0 ? { description: descriptions.join('\n') } : {}),
    coverage: { from: years[0]!, to: years[years.length - 1]! },
    ...daysToDocumentLists([...kept, ...added]),
  };
}

// ---------------------------------------------------------------------------------------------
// any file

/** Shape of what {@link importCalendarFile} reads. */
export interface CalendarFile {
  /** File name, used only to tell formats apart when the content is ambiguous. */
  fileName?: string;
  content: string;
}

/**
 * Imports a calendar from the text of a file: iCalendar (BEGIN:VCALENDAR), a holiday-cn year file
 * or an array of them, or a Baton calendar document (checked and returned, merged into `base` when
 * asked). Throws `ValidationError` (`calendar.import_format`, `calendar.import_empty`,
 * `calendar.coverage_gap`, `calendar.invalid`) with bilingual text.
 */
export function importCalendarFile(
  file: CalendarFile | readonly CalendarFile[],
  options: CalendarImportOptions = {},
): CalendarImport {
  const files = Array.isArray(file) ? (file as readonly CalendarFile[]) : [file as CalendarFile];
  if (files.length === 0) throw fail('calendar.import_format', 'No file to import', '没有要导入的文件');
  const text = (f: CalendarFile) => f.content.replace(/^\uFEFF/, '');
  if (files.some((f) => /^\s*BEGIN:VCALENDAR/i.test(text(f)) || /\.ics$/i.test(f.fileName ?? ''))) {
    if (files.length > 1)
      throw fail(
        'calendar.import_format',
        'Import one iCalendar file at a time',
        '每次只能导入一个 iCalendar 文件',
      );
    return importICalendar(text(files[0]!), options);
  }
  const values = files.map((f) => {
    try {
      return JSON.parse(text(f)) as unknown;
    } catch {
      throw fail(
        'calendar.import_format',
        `${f.fileName ?? 'The file'} is neither iCalendar nor JSON`,
        `${f.fileName ?? '该文件'}既不是 iCalendar 也不是 JSON`,
      );
    }
  });
  const flat = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
  const first = flat[0] as { kind?: unknown } | undefined;
  if (flat.length === 1 && first?.kind === 'calendar') {
    const doc = structuredClone(first) as CalendarDocument;
    if (!Number.isInteger(doc.coverage?.from) || !Number.isInteger(doc.coverage?.to))
      throw fail(
        'calendar.import_format',
        `Calendar "${String(doc.id)}" states no coverage years`,
        `日历“${String(doc.id)}”未写明覆盖年份`,
      );
    const years = coveredYears(doc);
    return build(
      {
        format: 'calendar',
        days: calendarDays(doc),
        years,
        warnings: [],
        ...(doc.description ? { description: doc.description } : {}),
      },
      { ...options, base: options.base ?? doc },
    );
  }
  return importHolidayCn(flat, options);
}

/** Years (ascending) a calendar document covers. */
export function coveredYears(doc: Pick<CalendarDocument, 'coverage'>): number[] {
  const out: number[] = [];
  for (let y = doc.coverage.from; y <= doc.coverage.to; y++) out.push(y);
  return out;
}
