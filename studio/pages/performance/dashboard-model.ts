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
