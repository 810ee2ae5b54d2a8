/** @module The product's clock as the server tells it: the studio counts days (this month, today) by the server's time, not the browser's. */
import { api } from '../api.ts';

let offsetMs = 0;
let learnt: Promise<void> | null = null;

/** Learns the server's clock once (from /api/health); later calls share the same answer. */
export function syncServerClock(): Promise<void> {
  learnt ??= api
    .health()
    .then((health) => {
      const server = Date.parse(health.now ?? '');
      if (!Number.isNaN(server)) offsetMs = server - Date.now();
    })
    .catch(() => {
      learnt = null;
    });
  return learnt;
}

/** The product's current instant (the browser's clock moved by the server's offset, once learnt). */
export const serverNow = (): Date => new Date(Date.now() + offsetMs);
