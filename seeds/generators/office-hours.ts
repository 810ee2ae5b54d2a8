/** @module Demo time: office hours and working hours in district time (Mon–Fri 08:30–17:30, holidays ignored). */

export const HOUR = 3_600_000;
const OFFSET = 8 * HOUR; // district time (Asia/Shanghai) has no daylight saving

/** Moves an instant into office hours (Mon–Fri 08:30–17:30 district time), keeping the minute of day when it fits. */
export function officeHours(ms: number): number {
  const local = new Date(ms + OFFSET);
  for (let i = 0; i < 8; i++) {
    const day = local.getUTCDay();
    const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
    if (day === 0 || day === 6 || minutes >= 17 * 60 + 30) {
      local.setUTCDate(local.getUTCDate() + 1);
      local.setUTCHours(8, 45 + (minutes % 40), 0, 0);
      continue;
    }
    if (minutes < 8 * 60 + 30) local.setUTCHours(8, 35 + (minutes % 50), 0, 0);
    break;
  }
  return local.getTime() - OFFSET;
}

/** Adds working hours (8 a day, weekends skipped; holidays ignored, so some cases run late as in real life). */
export function addWorkingHours(ms: number, hours: number): number {
  let at = officeHours(ms);
  let left = hours;
  while (left > 0) {
    const local = new Date(at + OFFSET);
    const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 17, 30) - OFFSET;
    const room = (end - at) / HOUR;
    if (left <= room) return at + left * HOUR;
    left -= room;
    at = officeHours(end + 60_000);
  }
  return at;
}
