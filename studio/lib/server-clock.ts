/**
 * @module The product's clock and time zone as the server tells them: the studio counts days (this
 * month, today) by the server's time, not the browser's, and shows every instant in the district's
 * time zone (one zone on every page, whatever the browser's).
 */
import { api } from '../api/http.ts';
import { wallParts } from './zoned-time.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

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
      if (health.timeZone) zone = health.timeZone;
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

/** `YYYY-MM-DD HH:mm` in the district's time zone; '—' for nothing, the raw value when it is not a date. */
export const formatDistrictTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = wallParts(date.getTime(), zone);
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)} ${pad(p.hour!)}:${pad(p.minute!)}`;
};

/** `YYYY-MM-DD` of an instant in the district's time zone (default: the product's now). */
export const districtDate = (date: Date = serverNow()): string => {
  const p = wallParts(date.getTime(), zone);
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)}`;
};

/** `YYYY-MM` of an instant in the district's time zone (default: the product's now). */
export const districtMonth = (date: Date = serverNow()): string => districtDate(date).slice(0, 7);
