/** @module The district's calendar day: the time zone whose date decides what is in force "today", and today's date there. */

/** The time zone whose calendar decides which version is in force "today". */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';

let districtDayFormat: Intl.DateTimeFormat | undefined;

/** Today's date (YYYY-MM-DD) in the district's time zone. */
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
