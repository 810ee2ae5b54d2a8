/** @module The clock adapter: the one place that reads the machine's time; `BATON_NOW` starts the product's clock at a chosen instant. */
import { DISTRICT_UTC_OFFSET } from '../../core/time-zone.ts';
import type { Clock } from '../../ports/clock.ts';

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and then runs on with the machine's time (so timers, sessions and
 * throttles behave as usual), for demos and journeys of a given day.
 */
export function startedClock(start: Date, base: Clock = systemClock): Clock {
  const offset = start.getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

/**
 * The product's clock from the environment: `BATON_NOW` (an ISO 8601 instant with offset, e.g.
 * `2026-11-25T10:00:00+08:00`) starts the clock there; without it, the machine's clock. An
 * unparsable value is an error at start, never silently ignored.
 */
export function clockFromEnv(env: { BATON_NOW?: string }): Clock {
  const raw = env.BATON_NOW?.trim();
  if (!raw) return systemClock;
  const start = new Date(raw);
  if (Number.isNaN(start.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(raw))
    throw new Error(
      `BATON_NOW must be an ISO 8601 instant with an offset (YYYY-MM-DDThh:mm:ss${DISTRICT_UTC_OFFSET}), not "${raw}"`,
    );
  return startedClock(start);
}
