/** @module Pure helpers of the dashboards: light severity and default months. */

const severity: Record<string, number> = { grey: 0, green: 1, yellow: 2, red: 3, overdue: 4 };

/** The worst colour of a set of lights (grey only when every one is grey). */
export const worstColour = (colours: readonly string[]): string =>
  colours.reduce((worst, c) => ((severity[c] ?? 0) > (severity[worst] ?? 0) ? c : worst), 'grey');

/** `YYYY-MM` of the month before the date's month. */
export const previousMonth = (isoDate: string): string => {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
