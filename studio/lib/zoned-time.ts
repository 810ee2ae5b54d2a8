/** @module Wall-clock values of date-time pickers in a named time zone (the district's), to and from RFC 3339 instants. Pure. */

const pad = (n: number): string => String(Math.abs(n)).padStart(2, '0');

const formats = new Map<string, Intl.DateTimeFormat>();

/** Year, month, day, hour, minute, second of `instant` on the wall clocks of `zone` (the runtime's own zone when undefined). */
export const wallParts = (instant: number, zone: string | undefined): Record<string, number> => {
  const key = zone ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      ...(zone ? { timeZone: zone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(key, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return parts;
};

/** The UTC offset of `zone` at `instant`, in minutes east of UTC (e.g. 480 for Asia/Shanghai). */
export const zoneOffsetMinutes = (instant: number, zone: string | undefined): number => {
  const p = wallParts(instant, zone);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
};

/** `YYYY-MM-DDTHH:mm` on the wall clocks of `zone`, for a datetime-local input; '' when `value` is not an instant. */
export const toZonedInput = (value: unknown, zone: string | undefined): string => {
  if (typeof value !== 'string' || value === '') return '';
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return '';
  const p = wallParts(instant, zone);
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}`;
};

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;

/**
 * The RFC 3339 instant (with `zone`'s offset at that moment, e.g. `2026-11-24T21:30:00+08:00`) of a
 * datetime-local value read on the wall clocks of `zone`; undefined for an empty or partial value.
 */
export const fromZonedInput = (raw: string, zone: string | undefined): string | undefined => {
  const match = localPattern.exec(raw);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00'] = match;
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  if (Number.isNaN(wall)) return undefined;
  // The offset at the wall time read as UTC, then again at the instant that gives (right across a DST change).
  const guess = zoneOffsetMinutes(wall, zone);
  const offset = zoneOffsetMinutes(wall - guess * 60_000, zone);
  const sign = offset >= 0 ? '+' : '-';
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
};
