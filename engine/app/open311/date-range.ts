/** @module The start..end range of an Open311 search or updates query from its W3C datetimes. */
import { DISTRICT_UTC_OFFSET } from '../../core/time-zone.ts';
import { parseW3cDatetime } from './attribute-values.ts';
import { badInput } from './ids.ts';
import { OPEN311_LIMITS } from './model.ts';

/** Milliseconds per day. */
export const DAY_MS = 86_400_000;

/** A start..end range from W3C datetimes: both, one (the other 90 days away, end not after now) or neither (the last 90 days). */
export function rangeOf(
  query: { start_date?: string; end_date?: string },
  now: Date,
  defaultSpanMs: number,
): { start: Date; end: Date } {
  const parse = (name: 'start_date' | 'end_date') => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    const at = parseW3cDatetime(raw.trim());
    if (!at)
      throw badInput(
        'invalid_date',
        `${name} must be a W3C datetime with a time and zone, e.g. YYYY-MM-DDThh:mm:ss${DISTRICT_UTC_OFFSET}.`,
        `${name} 须为带时间和时区的 W3C 日期时间，如 YYYY-MM-DDThh:mm:ss${DISTRICT_UTC_OFFSET}。`,
        `/${name}`,
      );
    return at;
  };
  const start = parse('start_date');
  const end = parse('end_date');
  const maxMs = OPEN311_LIMITS.maxRangeDays * DAY_MS;
  const range =
    start && end
      ? { start, end }
      : start
        ? { start, end: new Date(Math.min(start.getTime() + defaultSpanMs, now.getTime())) }
        : end
          ? { start: new Date(end.getTime() - defaultSpanMs), end }
          : { start: new Date(now.getTime() - defaultSpanMs), end: now };
  if (range.start.getTime() > range.end.getTime())
    throw badInput(
      'invalid_date',
      'start_date is after end_date.',
      'start_date 晚于 end_date。',
      '/start_date',
    );
  if (range.end.getTime() - range.start.getTime() > maxMs)
    throw badInput(
      'invalid_date',
      `start_date and end_date may be at most ${OPEN311_LIMITS.maxRangeDays} days apart.`,
      `start_date 与 end_date 最多相隔 ${OPEN311_LIMITS.maxRangeDays} 天。`,
      '/end_date',
    );
  return range;
}
