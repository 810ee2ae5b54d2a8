/** @module Pure helpers of the dashboards and review pages: light severity, months and light dates, comparison order, old-vs-new value diffs. */

const severity: Record<string, number> = { grey: 0, green: 1, yellow: 2, red: 3, overdue: 4 };

/** The worst colour of a set of lights (grey only when every one is grey). */
export const worstColour = (colours: readonly string[]): string =>
  colours.reduce((worst, c) => ((severity[c] ?? 0) > (severity[worst] ?? 0) ? c : worst), 'grey');

/** `YYYY-MM` of the month before the date's month. */
export const previousMonth = (isoDate: string): string => {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** `YYYY-MM-DD` of the last day of a `YYYY-MM` month. */
export const monthEnd = (period: string): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(days).padStart(2, '0')}`;
};

/**
 * The date the lights are computed on for a picked month: the month's last day, but never after
 * today (a light "as of" a future day would count deadlines that have not come yet).
 * No month picked, or today not known yet → undefined (the server's today).
 */
export const lightsDate = (q: { period?: string; today?: string }): string | undefined => {
  if (!q.period) return undefined;
  const end = monthEnd(q.period);
  return q.today && end > q.today ? q.today : end;
};

/** Comparison rows sorted by change, largest first; rows without a change go last. */
export const byChange = <T extends { change: number | null }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => (b.change ?? Number.NEGATIVE_INFINITY) - (a.change ?? Number.NEGATIVE_INFINITY));

/** One field of an old-vs-new comparison of entry values. */
export interface ValueChange {
  field: string;
  before: unknown;
  after: unknown;
  isChanged: boolean;
}

/** Fields of two value objects (old first, then new ones) with whether each changed. */
export const valueDiff = (
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): ValueChange[] => {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
  return fields.map((field) => ({
    field,
    before: before?.[field],
    after: after[field],
    isChanged: JSON.stringify(before?.[field]) !== JSON.stringify(after[field]),
  }));
};

/** `YYYY-MM` of the month after a `YYYY-MM` month. */
export const nextMonth = (period: string): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** A published assessment version as the dashboard reads it: its effective days and its reporting deadline day. */
export interface DeadlinePolicy {
  effectiveFrom: string;
  effectiveTo: string;
  /** `assessmentPolicy.deadline.dayOfNextMonth` of the version (the schema's default is 15). */
  dayOfNextMonth: number;
}

/**
 * The latest month whose reporting deadline has passed on `today` (both district dates): the month
 * before today's, or the one before that while its deadline (day `dayOfNextMonth` of the next month,
 * inclusive, as `reportDeadline` counts it) is still to come. Each month is judged by the version in
 * force on its first day; months no version covers are skipped. Null when none of the last 24 months
 * has a version whose deadline passed.
 */
export const latestClosedMonth = (q: {
  today: string;
  policies: readonly DeadlinePolicy[];
}): { month: string; deadline: string } | null => {
  let month = previousMonth(q.today);
  for (let i = 0; i < 24; i++) {
    const first = `${month}-01`;
    const policy = q.policies.find((p) => p.effectiveFrom <= first && first <= p.effectiveTo);
    if (policy) {
      const deadline = `${nextMonth(month)}-${String(policy.dayOfNextMonth).padStart(2, '0')}`;
      if (deadline < q.today) return { month, deadline };
    }
    month = previousMonth(first);
  }
  return null;
};

/** January … `period` of the period's year (`YYYY-MM` each). */
export const monthsOfYearTo = (period: string): string[] => {
  const months: string[] = [];
  for (let m = `${period.slice(0, 4)}-01`; m <= period; m = nextMonth(m)) months.push(m);
  return months;
};

/** The colour a cell of the light map shows: `na` when the unit has no light on any member (not assessed there). */
export type CellColour = 'green' | 'yellow' | 'red' | 'grey' | 'overdue' | 'na';

/** The worst colour of the lights a unit has on `members`; `na` when it has none (the indicator does not apply). */
export const cellColourOf = (colours: readonly (string | undefined)[]): CellColour => {
  const present = colours.filter((c): c is string => c !== undefined);
  return present.length === 0 ? 'na' : (worstColour(present) as CellColour);
};

/**
 * Counts of lights by colour among `unitIds` (the units shown), and the cells of units × indicators
 * without a light (`na`: the indicator does not apply to the unit). The legend shows exactly these.
 */
export const lightCounts = (q: {
  lights: readonly { unitId: string; indicatorId: string; colour: string }[];
  unitIds: readonly string[];
  indicatorIds: readonly string[];
}): Record<CellColour, number> => {
  const shown = new Set(q.unitIds);
  const counts: Record<CellColour, number> = { green: 0, yellow: 0, red: 0, grey: 0, overdue: 0, na: 0 };
  let lit = 0;
  const indicators = new Set(q.indicatorIds);
  for (const l of q.lights) {
    if (!shown.has(l.unitId) || !indicators.has(l.indicatorId)) continue;
    counts[l.colour as CellColour] = (counts[l.colour as CellColour] ?? 0) + 1;
    lit++;
  }
  counts.na = shown.size * indicators.size - lit;
  return counts;
};
