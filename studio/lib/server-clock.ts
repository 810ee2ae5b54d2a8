/**
 * @module The product's clock and time zone as the server tells them: the studio counts days (this
 * month, today) by the server's time, not the browser's, and shows every instant in the district's
 * time zone (one zone on every page, whatever the browser's).
 */
import { api } from '../api.ts';

let offsetMs = 0;
let zone: string | undefined;
let learnt: Promise<void> | null = null;

/** Learns the server's clock and the district's time zone once (from /api/health); later calls share the same answer. */
export function syncServerClock(): Promise<void> {
  learnt ??= api
    .health()
    .then((health) => {
      const server = Date.parse(health.now ?? '');
      if (!Number.isNaN(server)) offsetMs = server - Date.now();
      if (health.timeZone) {
        zone = health.timeZone;
        formats.clear();
      }
    })
    .catch(() => {
      learnt = null;
    });
  return learnt;
}

/** The product's current instant (the browser's clock moved by the server's offset, once learnt). */
export const serverNow = (): Date => new Date(Date.now() + offsetMs);

/** The district's IANA time zone (from the server; the browser's own until it is learnt). */
export const districtTimeZone = (): string | undefined => zone;

const formats = new Map<string, Intl.DateTimeFormat>();

function partsOf(date: Date, withTime: boolean): Record<string, string> {
  const key = withTime ? 'time' : 'date';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      ...(zone ? { timeZone: zone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    formats.set(key, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** `YYYY-MM-DD HH:mm` in the district's time zone; '—' for nothing, the raw value when it is not a date. */
export const formatDistrictTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = partsOf(date, true);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

/** `YYYY-MM-DD` of an instant in the district's time zone (default: the product's now). */
export const districtDate = (date: Date = serverNow()): string => {
  const p = partsOf(date, false);
  return `${p.year}-${p.month}-${p.day}`;
};

/** `YYYY-MM` of an instant in the district's time zone (default: the product's now). */
export const districtMonth = (date: Date = serverNow()): string => districtDate(date).slice(0, 7);
