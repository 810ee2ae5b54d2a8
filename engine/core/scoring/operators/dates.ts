/** @module Date operators over ISO calendar dates: day differences, working days (via a calendar), adding days. */
import { formatDayNumber, parseIsoDate } from '../../calendar/time-zone.ts';
import { RuleError } from '../../errors.ts';
import type { EvalContext, OperatorDefinition } from '../../logic/operator.ts';
import type { Schema } from './args.ts';
import { argsOf, badArg, badArgs, catalogueOperator, dateArg, MISSING_CONTEXT, numberArg } from './args.ts';

/** Longest span the day-by-day operators walk (about 100 years); bounds loop sizes. */
export const MAX_SPAN_DAYS = 36_600;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Days since 1970-01-01 of a valid ISO date (or date-time, whose date part is used as written), else null. */
export function isoDayNumber(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match || Number(match[1]) < 1000) return null;
  return parseIsoDate(text.slice(0, 10)) ?? null;
}

/** ISO date `YYYY-MM-DD` of a day number. */
export const isoDateOf = formatDayNumber;

/** Reads argument `index` as an ISO date and returns its day number. */
export function dateDay(op: string, args: readonly unknown[], index: number): number {
  const value = args[index];
  const day = typeof value === 'string' ? isoDayNumber(value) : null;
  if (day === null)
    return badArg(op, index, { en: 'an ISO date YYYY-MM-DD', zh: 'ISO 日期 YYYY-MM-DD' }, value);
  return day;
}

function integer(op: string, args: readonly unknown[], index: number): number {
  const value = args[index];
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > MAX_SPAN_DAYS) {
    return badArg(
      op,
      index,
      { en: `an integer within ±${MAX_SPAN_DAYS}`, zh: `±${MAX_SPAN_DAYS} 以内的整数` },
      value,
    );
  }
  return value;
}

type IsWorkingDay = (isoDate: string) => boolean;

const CALENDAR_SHAPE = {
  en: 'a calendar {weekend?: weekday numbers 0–6 (0 = Sunday), holidays?: ISO dates, workdays?: ISO dates}',
  zh: '日历 {weekend?: 周几数字 0–6（0 为周日）, holidays?: ISO 日期列表, workdays?: ISO 日期列表}',
};

function isoList(op: string, index: number, value: unknown, whole: unknown): Set<string> {
  if (value === undefined || value === null) return new Set();
  if (!Array.isArray(value)) return badArg(op, index, CALENDAR_SHAPE, whole);
  return new Set(
    value.map((item) => {
      const day = typeof item === 'string' ? isoDayNumber(item) : null;
      if (day === null) return badArg(op, index, CALENDAR_SHAPE, whole);
      return isoDateOf(day);
    }),
  );
}

/** An inline calendar argument wins; else `ctx.calendar`; else a clear `scoring.missing_context` error. */
function workingDayTest(op: string, args: readonly unknown[], index: number, ctx: EvalContext): IsWorkingDay {
  const inline = args[index];
  if (inline !== undefined && inline !== null) {
    if (typeof inline !== 'object' || Array.isArray(inline)) return badArg(op, index, CALENDAR_SHAPE, inline);
    const spec = inline as Record<string, unknown>;
    const weekendRaw = spec.weekend ?? [0, 6];
    if (
      !Array.isArray(weekendRaw) ||
      !weekendRaw.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= 6)
    ) {
      return badArg(op, index, CALENDAR_SHAPE, inline);
    }
    const weekend = new Set(weekendRaw as number[]);
    const holidays = isoList(op, index, spec.holidays, inline);
    const workdays = isoList(op, index, spec.workdays, inline);
    return (iso) => {
      if (workdays.has(iso)) return true;
      if (holidays.has(iso)) return false;
      return !weekend.has(new Date(`${iso}T00:00:00Z`).getUTCDay());
    };
  }
  const calendar = ctx?.calendar;
  if (!calendar || typeof calendar.isWorkingDay !== 'function') {
    throw new RuleError(
      MISSING_CONTEXT,
      {
        en: `${op} needs a working calendar: none was passed as argument ${index + 1} or in the evaluation context`,
        zh: `${op} 需要工作日历：第 ${index + 1} 个参数和求值上下文中都没有提供`,
      },
      { path: `/${op}`, details: { operator: op, missing: 'calendar' } },
    );
  }
  return (iso) => calendar.isWorkingDay(iso) === true;
}

const CALENDAR_ARG: Schema = {
  title: 'calendar',
  description:
    'Optional inline calendar {weekend, holidays, workdays}; when absent the context calendar is used. ' +
    'weekend defaults to [0, 6] (Sunday, Saturday); workdays (swapped working days) win over holidays and weekend.',
  type: ['object', 'null'],
  properties: {
    weekend: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 6 } },
    holidays: { type: 'array', items: { type: 'string', format: 'date' } },
    workdays: { type: 'array', items: { type: 'string', format: 'date' } },
  },
};

/** `days_between [from, to]`: to − from in calendar days. */
export const daysBetween: OperatorDefinition = catalogueOperator('date', 'days_between', {
  description: {
    en:
      'Calendar days from one ISO date to another. Arguments: [from, to]. Result = to − from in days ' +
      '(negative if to is earlier). Date-times are accepted; their date part is used as written.',
    zh: '两个 ISO 日期之间的自然日数。参数：[起始日期, 截止日期]。结果 = 截止 − 起始（截止更早时为负）。可传日期时间，按其书写的日期部分计算。',
  },
  argsSchema: argsOf([dateArg('from', 'Start date.'), dateArg('to', 'End date.')]),
  resultSchema: { type: 'integer' },
  examples: [
    { rule: { days_between: ['2025-01-01', '2025-03-01'] }, expected: 59 },
    { rule: { days_between: ['2024-02-28', '2024-03-01'] }, expected: 2, description: 'Leap year.' },
    {
      rule: { days_between: [{ var: 'due' }, { var: 'done' }] },
      data: { due: '2025-06-10', done: '2025-06-07' },
      expected: -3,
      description: 'Finished 3 days early.',
    },
  ],
  evaluate(args, op) {
    return dateDay(op, args, 1) - dateDay(op, args, 0);
  },
});

/** `working_days_between [from, to, calendar?]`: working days d with from < d ≤ to (negative if reversed). */
export const workingDaysBetween: OperatorDefinition = catalogueOperator('date', 'working_days_between', {
  description: {
    en:
      'Working days from one ISO date to another. Arguments: [from, to, calendar?]. Counts the working days d ' +
      'with from < d ≤ to (the start day is not counted, the end day is), negative when to is before from. ' +
      'Working days come from the inline calendar argument if given, else from ctx.calendar.isWorkingDay; ' +
      'with neither it fails with scoring.missing_context. Spans are limited to 36 600 days.',
    zh:
      '两个 ISO 日期之间的工作日数。参数：[起始日期, 截止日期, 日历?]。统计满足 起始 < d ≤ 截止 的工作日（不含起始日，含截止日），' +
      '截止早于起始时为负。工作日取自行内日历参数；未传时用上下文的 ctx.calendar.isWorkingDay；两者都没有时报 scoring.missing_context。跨度上限 36600 天。',
  },
  argsSchema: argsOf(
    [dateArg('from', 'Start date (not counted).'), dateArg('to', 'End date (counted).')],
    [CALENDAR_ARG],
  ),
  resultSchema: { type: 'integer' },
  examples: [
    {
      rule: { working_days_between: ['2025-03-07', '2025-03-14', { var: 'calendar' }] },
      data: { calendar: { weekend: [0, 6] } },
      expected: 5,
      description: 'Friday to Friday: the weekend in between does not count.',
    },
    {
      rule: { working_days_between: ['2025-09-26', '2025-10-10', { var: 'calendar' }] },
      data: {
        calendar: {
          holidays: [
            '2025-10-01',
            '2025-10-02',
            '2025-10-03',
            '2025-10-04',
            '2025-10-05',
            '2025-10-06',
            '2025-10-07',
            '2025-10-08',
          ],
          workdays: ['2025-09-28', '2025-10-11'],
        },
      },
      expected: 5,
      description: 'National Day holidays, with Sunday 28 September swapped to a working day.',
    },
    {
      rule: { working_days_between: ['2025-03-14', '2025-03-07', { var: 'calendar' }] },
      data: { calendar: {} },
      expected: -5,
      description: 'Reversed dates count negative.',
    },
  ],
  evaluate(args, op, ctx) {
    const from = dateDay(op, args, 0);
    const to = dateDay(op, args, 1);
    const isWorking = workingDayTest(op, args, 2, ctx);
    const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    if (hi - lo > MAX_SPAN_DAYS) {
      badArgs(op, { en: `the span exceeds ${MAX_SPAN_DAYS} days`, zh: `跨度超过 ${MAX_SPAN_DAYS} 天` });
    }
    let count = 0;
    for (let day = lo + 1; day <= hi; day++) if (isWorking(isoDateOf(day))) count++;
    return sign * count || 0;
  },
});

/** `add_days [date, days]`: the ISO date `days` calendar days later (earlier if negative). */
export const addDays: OperatorDefinition = catalogueOperator('date', 'add_days', {
  description: {
    en: 'Adds calendar days. Arguments: [date, days]. days is an integer (negative goes back). Returns an ISO date.',
    zh: '加自然日。参数：[日期, 天数]。天数为整数（负数为往前）。返回 ISO 日期。',
  },
  argsSchema: argsOf([
    dateArg('date', 'Start date.'),
    numberArg('days', 'Days to add (integer).', { type: 'integer' }),
  ]),
  resultSchema: { type: 'string', format: 'date' },
  examples: [
    { rule: { add_days: ['2025-01-31', 1] }, expected: '2025-02-01' },
    { rule: { add_days: ['2024-03-01', -1] }, expected: '2024-02-29', description: 'Leap day.' },
    {
      rule: { add_days: [{ var: 'received' }, 15] },
      data: { received: '2025-12-20' },
      expected: '2026-01-04',
    },
  ],
  evaluate(args, op) {
    const day = dateDay(op, args, 0);
    return isoDateOf(day + integer(op, args, 1));
  },
});

/** `add_working_days [date, days, calendar?]`: the date after `days` working days. */
export const addWorkingDays: OperatorDefinition = catalogueOperator('date', 'add_working_days', {
  description: {
    en:
      'Adds working days. Arguments: [date, days, calendar?]. Steps day by day from date and returns the ISO ' +
      'date on which the days-th working day falls (days = 0 returns date itself; negative goes back). The ' +
      'calendar is resolved as for working_days_between.',
    zh: '加工作日。参数：[日期, 工作日数, 日历?]。从该日期逐日推进，返回第 N 个工作日的 ISO 日期（0 返回原日期，负数往前）。日历的取法同 working_days_between。',
  },
  argsSchema: argsOf(
    [
      dateArg('date', 'Start date.'),
      numberArg('days', 'Working days to add (integer).', { type: 'integer' }),
    ],
    [CALENDAR_ARG],
  ),
  resultSchema: { type: 'string', format: 'date' },
  examples: [
    {
      rule: { add_working_days: ['2025-03-07', 1, { var: 'calendar' }] },
      data: { calendar: { weekend: [0, 6] } },
      expected: '2025-03-10',
      description: 'Friday + 1 working day is Monday.',
    },
    {
      rule: { add_working_days: ['2025-09-30', 1, { var: 'calendar' }] },
      data: {
        calendar: {
          holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
        },
      },
      expected: '2025-10-09',
    },
    {
      rule: { add_working_days: ['2025-03-08', 0, { var: 'calendar' }] },
      data: { calendar: {} },
      expected: '2025-03-08',
      description: 'Zero days returns the date itself.',
    },
  ],
  evaluate(args, op, ctx) {
    let day = dateDay(op, args, 0);
    const days = integer(op, args, 1);
    const isWorking = workingDayTest(op, args, 2, ctx);
    const step = days < 0 ? -1 : 1;
    let left = Math.abs(days);
    for (let walked = 0; left > 0; walked++) {
      if (walked >= MAX_SPAN_DAYS) {
        badArgs(op, { en: `no result within ${MAX_SPAN_DAYS} days`, zh: `${MAX_SPAN_DAYS} 天内无结果` });
      }
      day += step;
      if (isWorking(isoDateOf(day))) left--;
    }
    return isoDateOf(day);
  },
});

/** The date group, in catalogue order. */
export const dateOperators: OperatorDefinition[] = [daysBetween, workingDaysBetween, addDays, addWorkingDays];
