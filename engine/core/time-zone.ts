/**
 * @module District time, in one place: the zone whose date decides what is in force "today", today's
 * date there, and the wall-clock bounds of days and months for filters and reports that have no
 * calendar at hand.
 */
import { DAY_MS, DEFAULT_TIME_ZONE } from './calendar/time-zone.ts';

/** The time zone whose calendar decides which version is in force "today" (the calendars' default zone). */
export const DISTRICT_TIME_ZONE = DEFAULT_TIME_ZONE;

let districtDayFormat: Intl.DateTimeFormat | undefined;

/** Today's date (YYYY-MM-DD) in the district's time zone, of the instant `now` (read from the clock by the caller). */
export function todayOf(now: Date): string {
  // Building a formatter costs far more than formatting; intake asks on every request.
  districtDayFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: DISTRICT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return districtDayFormat.format(now);
}

/**
 * UTC offset of district time. The calendars' default zone (`DEFAULT_TIME_ZONE`, Asia/Shanghai)
 * has kept +08:00 all year since 1991, so the bounds of a day or month filter use this one fixed
 * offset instead of a literal in each operation.
 */
export const DISTRICT_UTC_OFFSET = '+08:00';

/** UTC instant (ISO) of 00:00 district time on `day` (`YYYY-MM-DD`). */
export function districtDayStart(day: string): string {
  return new Date(`${day}T00:00:00${DISTRICT_UTC_OFFSET}`).toISOString();
}

/** UTC instant (ISO) of 00:00 district time on the day after `day` (`YYYY-MM-DD`). */
export function districtDayAfter(day: string): string {
  return new Date(new Date(`${day}T00:00:00${DISTRICT_UTC_OFFSET}`).getTime() + DAY_MS).toISOString();
}

/** UTC instant (ISO) of the first moment of a district month (`YYYY-MM`). */
export function districtMonthStart(month: string): string {
  return new Date(`${month}-01T00:00:00${DISTRICT_UTC_OFFSET}`).toISOString();
}

/** The month (`YYYY-MM`) after `month`. */
export function nextMonthOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
