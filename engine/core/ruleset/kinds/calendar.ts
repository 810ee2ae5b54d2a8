/** @module The calendar kind (held beside the documents, in `calendars`): each calendar checked, ids unique, the period covered; its diff reports coverage and days. */
import type { RuleSet } from '../../../../schemas/types.gen.ts';
import { checkCalendar } from '../../calendar/calendar.ts';
import { type CalendarDay, dayRuns, diffCalendarDays } from '../../calendar/days.ts';
import type { LocalizedText } from '../../errors.ts';
import { jsonEquals } from '../canonical.ts';
import { type DocDiff, type Json, show } from './doc-diff.ts';
import { type CheckContext, type Collector, defineKind, type DocumentKind, nameLine } from './kind.ts';

/** The calendars a rule set carries: each one checked, ids unique. */
function checkCalendars({ ruleSet, out }: CheckContext): void {
  const ids = new Set<unknown>();
  (ruleSet.calendars ?? []).forEach((calendar, i) => {
    const id = (calendar as { id?: unknown }).id;
    if (ids.has(id))
      out.error(
        `/calendars/${i}/id`,
        'calendar.duplicate_id',
        `Calendar id "${String(id)}" is used twice; cover several years in one calendar instead`,
        `日历 id“${String(id)}”重复；多个年份请放在同一份日历中`,
      );
    ids.add(id);
    out.nested(`/calendars/${i}`, checkCalendar(calendar));
    checkCalendarCoversPeriod(ruleSet, calendar, `/calendars/${i}`, out);
  });
}

/**
 * Warnings when the rule set's period reaches years the calendar does not cover, and when a calendar
 * whose policy is `error` stops at the period's last year (deadlines of late cases run into the next).
 */
function checkCalendarCoversPeriod(
  ruleSet: RuleSet,
  calendar: NonNullable<RuleSet['calendars']>[number],
  at: string,
  out: Collector,
): void {
  const coverage = calendar.coverage;
  if (!coverage || !Number.isInteger(coverage.from) || !Number.isInteger(coverage.to)) return;
  const first = Number(String(ruleSet.period?.from).slice(0, 4));
  const last = Number(String(ruleSet.period?.to).slice(0, 4));
  if (!Number.isInteger(first) || !Number.isInteger(last)) return;
  const isStrict = calendar.outsideCoverage === 'error';
  const missing: number[] = [];
  for (let y = first; y <= last; y++) if (y < coverage.from || y > coverage.to) missing.push(y);
  if (missing.length > 0) {
    const ranges: string[] = [];
    for (let i = 0; i < missing.length; ) {
      let j = i;
      while (j + 1 < missing.length && missing[j + 1] === missing[j]! + 1) j++;
      ranges.push(i === j ? `${missing[i]}` : `${missing[i]}–${missing[j]}`);
      i = j + 1;
    }
    const years = ranges.join(', ');
    out.warn(
      `${at}/coverage`,
      'calendar.period_not_covered',
      isStrict
        ? `Calendar "${calendar.id}" does not cover ${years} of the rule set's period; deadline math on those days fails until their holidays are imported`
        : `Calendar "${calendar.id}" does not cover ${years} of the rule set's period; deadlines on those days are provisional (weekends only) until their holidays are imported`,
      isStrict
        ? `工作日历“${calendar.id}”未覆盖规则集周期内的 ${years} 年；导入其节假日安排之前，这些日期的时限计算会报错`
        : `工作日历“${calendar.id}”未覆盖规则集周期内的 ${years} 年；导入其节假日安排之前，这些日期的时限为暂定（仅周末休息）`,
    );
  } else if (isStrict && coverage.to === last) {
    out.warn(
      `${at}/coverage`,
      'calendar.next_year_not_covered',
      `Calendar "${calendar.id}" stops at ${last} and its policy outside coverage is "error": deadlines of cases received late in ${last} run into ${last + 1} and fail until ${last + 1} is imported`,
      `工作日历“${calendar.id}”只覆盖到 ${last} 年，且覆盖范围外策略为“报错”：${last} 年末受理的办件时限跨入 ${last + 1} 年，在导入 ${last + 1} 年安排之前会计算失败`,
    );
  }
}

const DAY_TYPE: Record<CalendarDay['type'], LocalizedText> = {
  holiday: { en: 'holiday', zh: '节假日' },
  workingDay: { en: 'working day', zh: '调休上班' },
};
const datesText = (from: string, to: string): string => (from === to ? from : `${from} – ${to}`);
const yearsText = (c: unknown): string => {
  const { from, to } = (c ?? {}) as Json;
  if (from === undefined) return '—';
  return from === to ? String(from) : `${String(from)}–${String(to)}`;
};

/**
 * Calendars: the coverage years, then the listed days by date — added, removed, swapped
 * (holiday ↔ working day) and renamed — with consecutive dates of the same holiday grouped into one
 * line; everything else (policy, hours, weekdays) generically.
 */
function diffCalendar(d: DocDiff, a: Json, b: Json): void {
  d.renamed(a, b);
  if (!jsonEquals(a.coverage, b.coverage))
    d.add(
      'coverageChanged',
      {
        en: `covers ${yearsText(a.coverage)} → ${yearsText(b.coverage)}`,
        zh: `覆盖年份 ${yearsText(a.coverage)} → ${yearsText(b.coverage)}`,
      },
      { path: '/coverage', before: a.coverage, after: b.coverage },
    );
  if (!jsonEquals(a.outsideCoverage, b.outsideCoverage)) {
    const policy = (v: unknown, lang: keyof LocalizedText): string =>
      v === 'error'
        ? { en: 'error', zh: '报错' }[lang]
        : v === 'weekendsOnly'
          ? { en: 'provisional, weekends only', zh: '暂定，仅周末休息' }[lang]
          : show(v);
    d.add(
      'coverageChanged',
      {
        en: `outside coverage: ${policy(a.outsideCoverage, 'en')} → ${policy(b.outsideCoverage, 'en')}`,
        zh: `覆盖范围外：${policy(a.outsideCoverage, 'zh')} → ${policy(b.outsideCoverage, 'zh')}`,
      },
      { path: '/outsideCoverage', before: a.outsideCoverage, after: b.outsideCoverage },
    );
  }
  const days = diffCalendarDays(a, b);
  const listed = (change: 'dayAdded' | 'dayRemoved', list: CalendarDay[]) => {
    for (const run of dayRuns(list)) {
      const type = DAY_TYPE[run.type];
      const dates = datesText(run.from, run.to);
      const [en, zh] = change === 'dayAdded' ? ['added', '新增'] : ['removed', '删除'];
      d.add(
        change,
        { en: `${type.en} ${run.name} ${dates} ${en}`, zh: `${zh}${type.zh} ${run.name} ${dates}` },
        { path: `/days/${run.from}`, [change === 'dayAdded' ? 'after' : 'before']: run },
      );
    }
  };
  listed('dayAdded', days.added);
  listed('dayRemoved', days.removed);
  for (const s of days.swapped)
    d.add(
      'daySwapped',
      {
        en: `${s.date}: ${DAY_TYPE[s.before.type].en} ${s.before.name} → ${DAY_TYPE[s.after.type].en} ${s.after.name}`,
        zh: `${s.date}：${DAY_TYPE[s.before.type].zh} ${s.before.name} → ${DAY_TYPE[s.after.type].zh} ${s.after.name}`,
      },
      { path: `/days/${s.date}`, before: s.before, after: s.after },
    );
  for (const r of days.renamed)
    d.add(
      'dayRenamed',
      {
        en: `${r.date}: ${DAY_TYPE[r.after.type].en} "${r.before.name}" → "${r.after.name}"`,
        zh: `${r.date}：${DAY_TYPE[r.after.type].zh}“${r.before.name}” → “${r.after.name}”`,
      },
      { path: `/days/${r.date}`, before: r.before, after: r.after },
    );
  d.rest(a, b, ['name', 'coverage', 'outsideCoverage', 'holidays', 'workingDays']);
}

/** Working calendars (工作日历), held beside the documents. */
export const calendarKind: DocumentKind = defineKind(
  'calendar',
  11,
  { zh: '工作日历', en: 'Calendars' },
  {
    place: 'calendars',
    check: checkCalendars,
    diff: diffCalendar,
    summary: (doc) =>
      nameLine(doc, { en: `covers ${yearsText(doc.coverage)}`, zh: `覆盖 ${yearsText(doc.coverage)}` }),
  },
);
