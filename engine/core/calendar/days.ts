/** @module The listed days of a calendar document (holidays and swapped working days, one entry per date) and their difference between two documents. */
import type { CalendarDocument } from './calendar.ts';
import { formatDayNumber, parseIsoDate } from './time-zone.ts';

/** One listed day: a day off (`holiday`) or a swapped working day (`workingDay`, 调休上班). */
export interface CalendarDay {
  date: string;
  type: 'holiday' | 'workingDay';
  name: string;
}

/** A run of consecutive dates with the same type and name, e.g. 春节 2026-02-15 … 2026-02-23. */
export interface CalendarDayRun {
  from: string;
  to: string;
  type: CalendarDay['type'];
  name: string;
}

/**
 * Every day a calendar document lists, one entry per date, ascending. Holiday ranges are expanded;
 * a date listed both ways counts as a working day (the arithmetic lets swapped days win). Malformed
 * dates are skipped (they are check errors anyway).
 */
export function calendarDays(doc: Pick<CalendarDocument, 'holidays' | 'workingDays'>): CalendarDay[] {
  const byDate = new Map<number, CalendarDay>();
  for (const h of doc.holidays ?? []) {
    const from = parseIsoDate(String(h?.date));
    const to = h?.endDate === undefined ? from : parseIsoDate(String(h.endDate));
    if (from === undefined || to === undefined) continue;
    for (let dn = from; dn <= to; dn++)
      byDate.set(dn, { date: formatDayNumber(dn), type: 'holiday', name: String(h.name ?? '') });
  }
  for (const w of doc.workingDays ?? []) {
    const dn = parseIsoDate(String(w?.date));
    if (dn === undefined) continue;
    byDate.set(dn, { date: formatDayNumber(dn), type: 'workingDay', name: String(w.name ?? '') });
  }
  return [...byDate.entries()].sort(([a], [b]) => a - b).map(([, day]) => day);
}

/** Groups days (ascending) into runs of consecutive dates with the same type and name. */
export function dayRuns(days: readonly CalendarDay[]): CalendarDayRun[] {
  const runs: CalendarDayRun[] = [];
  let lastDay: number | undefined;
  for (const day of days) {
    const dn = parseIsoDate(day.date)!;
    const run = runs[runs.length - 1];
    if (run && lastDay === dn - 1 && run.type === day.type && run.name === day.name) run.to = day.date;
    else runs.push({ from: day.date, to: day.date, type: day.type, name: day.name });
    lastDay = dn;
  }
  return runs;
}

/** The difference of the listed days of two calendars. */
export interface CalendarDaysDiff {
  /** Days listed only in the second calendar. */
  added: CalendarDay[];
  /** Days listed only in the first calendar. */
  removed: CalendarDay[];
  /** Days listed in both with the other type: holiday ↔ working day. */
  swapped: { date: string; before: CalendarDay; after: CalendarDay }[];
  /** Days of the same type whose name changed. */
  renamed: { date: string; before: CalendarDay; after: CalendarDay }[];
}

/** Compares the listed days of two calendar documents date by date. */
export function diffCalendarDays(
  a: Pick<CalendarDocument, 'holidays' | 'workingDays'>,
  b: Pick<CalendarDocument, 'holidays' | 'workingDays'>,
): CalendarDaysDiff {
  const before = new Map(calendarDays(a).map((d) => [d.date, d] as const));
  const after = new Map(calendarDays(b).map((d) => [d.date, d] as const));
  const out: CalendarDaysDiff = { added: [], removed: [], swapped: [], renamed: [] };
  for (const date of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const x = before.get(date);
    const y = after.get(date);
    if (!x) out.added.push(y!);
    else if (!y) out.removed.push(x);
    else if (x.type !== y.type) out.swapped.push({ date, before: x, after: y });
    else if (x.name !== y.name) out.renamed.push({ date, before: x, after: y });
  }
  return out;
}
