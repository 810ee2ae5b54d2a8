/** @module The demo district at any date: the seed year as written, plus a copy of it moved to the clock's year when the seed does not cover today. */

type Json = unknown;

const yearOfDate = (date: unknown): number | null =>
  typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? Number(date.slice(0, 4)) : null;

/** The year a seed rule set governs (its `period.from`), or null when it has none. */
export function seedYearOf(ruleSet: Json): number | null {
  const period = (ruleSet as { period?: { from?: unknown } } | null)?.period;
  return yearOfDate(period?.from);
}

/**
 * A deep copy of `value` with every standalone occurrence of `fromYear` in its strings (ids, names,
 * dates, periods, calendar references) replaced by `toYear`. Demo seeds name their year only in such
 * strings, so a shifted copy is the same district one year on. Pure.
 */
export function shiftYear<T>(value: T, fromYear: number, toYear: number): T {
  const pattern = new RegExp(`(?<!\\d)${fromYear}(?!\\d)`, 'g');
  const target = String(toYear);
  const walk = (v: Json): Json => {
    if (typeof v === 'string') return v.replace(pattern, target);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** What to seed so the demo has a sensible current year on `today` (YYYY-MM-DD). */
export interface DemoYearPlan {
  /** The year the seed files were written for. */
  seedYear: number;
  /** The clock's year, when the seed does not cover it (a shifted copy is seeded); else null. */
  extraYear: number | null;
  /** Rule sets and parts to publish: the seed's, then its shifted copy. */
  ruleSets: unknown[];
  /** Calendars to attach: the seed's, then shifted copies of those the shifted year has none of. */
  calendars: unknown[];
}

/**
 * Plans the demo for `today`: the seed rule sets as written, and — when today lies outside the
 * seed's year — a copy of every seed rule set moved to today's year (same timeline, so the timeline
 * shows last year and this year). A calendar for the new year is taken from `calendars` when one
 * with the shifted id exists (e.g. imported official holidays); otherwise the seed's calendar serves
 * under that id, covering only its own years, so the new year is counted provisionally.
 */
export function planDemoYears(input: {
  ruleSets: readonly unknown[];
  calendars: readonly unknown[];
  today: string;
}): DemoYearPlan {
  const years = input.ruleSets.map(seedYearOf).filter((y): y is number => y !== null);
  const seedYear = years.length > 0 ? Math.max(...years) : Number(input.today.slice(0, 4));
  const todayYear = Number(input.today.slice(0, 4));
  if (todayYear === seedYear || years.length === 0)
    return { seedYear, extraYear: null, ruleSets: [...input.ruleSets], calendars: [...input.calendars] };
  const source = input.ruleSets.filter((r) => seedYearOf(r) === seedYear || seedYearOf(r) === null);
  const shifted = source.map((r) => shiftYear(r, seedYear, todayYear));
  const knownIds = new Set(input.calendars.map((c) => (c as { id?: unknown }).id));
  const extraCalendars = input.calendars
    .filter((c) => {
      const id = (c as { id?: unknown }).id;
      return (
        typeof id === 'string' &&
        id.includes(String(seedYear)) &&
        !knownIds.has(shiftYear(id, seedYear, todayYear))
      );
    })
    .map((c) => provisionalCopy(c, seedYear, todayYear));
  return {
    seedYear,
    extraYear: todayYear,
    ruleSets: [...input.ruleSets, ...shifted],
    calendars: [...input.calendars, ...extraCalendars],
  };
}

/**
 * The calendar for a year whose official holidays are not known: the seed calendar as it is (it
 * still covers only the seed's years, with their real holidays) under the new year's id, counting
 * the new year by weekdays only — so every deadline it computes there is marked provisional.
 */
function provisionalCopy(calendar: unknown, fromYear: number, toYear: number): unknown {
  const c = calendar as Record<string, unknown>;
  return {
    ...c,
    id: shiftYear(c.id, fromYear, toYear),
    name: `${toYear} 年工作日历（临时：法定节假日尚未公布） / ${toYear} working calendar (provisional)`,
    description: `Provisional: the official ${toYear} holidays are not known yet, so ${toYear} counts weekends only and its deadlines are marked provisional; import them when published. 临时日历：${toYear} 年法定节假日尚未公布，该年仅按周末休息计算，期限标记为暂定；公布后请导入。`,
    outsideCoverage: 'weekendsOnly',
  };
}
