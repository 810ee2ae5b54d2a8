/** @module Pure time-zone arithmetic on top of Intl.DateTimeFormat: UTC instant ⇄ local wall-clock time. */
import { RuleError } from '../errors.ts';

/** Default zone of Baton calendars. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Milliseconds per day. */
export const DAY_MS = 86_400_000;

/** Local calendar fields of an instant. */
export interface LocalTime {
  /** Days since 1970-01-01 of the local date. */
  dayNumber: number;
  /** Milliseconds since local midnight (wall clock). */
  msOfDay: number;
}

/** Converts between UTC epoch milliseconds and wall-clock time of one IANA zone. */
export interface ZoneConverter {
  readonly timeZone: string;
  /** Offset of the zone at `epochMs` in ms (local − UTC), e.g. +8 h for Asia/Shanghai. */
  offsetMs(epochMs: number): number;
  /** Local date and time of day of an instant. */
  toLocal(epochMs: number): LocalTime;
  /**
   * The instant of a local wall-clock time. In a DST gap the time is pushed forward by the gap
   * (02:30 → 03:30); in a DST overlap the earlier instant is taken (like Temporal's "compatible").
   */
  fromLocal(dayNumber: number, msOfDay: number): number;
}

// Offsets only change at transitions; all modern transitions fall on quarter-hour UTC instants.
const BUCKET_MS = 15 * 60_000;
const CACHE_LIMIT = 50_000;

/** True when `timeZone` is an IANA zone known to the runtime's Intl. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Creates a converter for an IANA time zone; throws `RuleError` `calendar.time_zone` if unknown. */
export function createZoneConverter(timeZone: string): ZoneConverter {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (cause) {
    throw new RuleError(
      'calendar.time_zone',
      { en: `Unknown time zone "${timeZone}"`, zh: `未知的时区 "${timeZone}"` },
      { path: '/timeZone', cause },
    );
  }
  const cache = new Map<number, number>();

  const computeOffset = (epochMs: number): number => {
    const fields: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(epochMs))) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(
      fields.year!,
      fields.month! - 1,
      fields.day!,
      fields.hour!,
      fields.minute!,
      fields.second!,
    );
    return asUtc - Math.floor(epochMs / 1000) * 1000;
  };

  const offsetMs = (epochMs: number): number => {
    const bucket = Math.floor(epochMs / BUCKET_MS);
    let offset = cache.get(bucket);
    if (offset === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      offset = computeOffset(bucket * BUCKET_MS);
      cache.set(bucket, offset);
    }
    return offset;
  };

  const toLocal = (epochMs: number): LocalTime => {
    const local = epochMs + offsetMs(epochMs);
    const dayNumber = Math.floor(local / DAY_MS);
    return { dayNumber, msOfDay: local - dayNumber * DAY_MS };
  };

  const fromLocal = (dayNumber: number, msOfDay: number): number => {
    const local = dayNumber * DAY_MS + msOfDay;
    // Offsets a day before and after bracket any single transition near this wall-clock time.
    const before = offsetMs(local - DAY_MS);
    const after = offsetMs(local + DAY_MS);
    const candidates: number[] = [];
    for (const offset of before === after ? [before] : [before, after]) {
      const t = local - offset;
      if (offsetMs(t) === offset) candidates.push(t);
    }
    if (candidates.length > 0) return Math.min(...candidates);
    return local - Math.min(before, after);
  };

  return { timeZone, offsetMs, toLocal, fromLocal };
}

/** Day number (days since 1970-01-01) of a proleptic Gregorian date. */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict ISO date `YYYY-MM-DD` to a day number; undefined when malformed or not a real date. */
export function parseIsoDate(isoDate: string): number | undefined {
  const m = ISO_DATE.exec(isoDate);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const dn = dayNumberOf(y, mo, d);
  const check = new Date(dn * DAY_MS);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return undefined;
  return dn;
}

/** ISO date `YYYY-MM-DD` of a day number. */
export function formatDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}
