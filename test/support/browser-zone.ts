/** @module Runs a file's tests as a browser in another time zone would: sets TZ before them and puts the runner's own back after. */
import { afterAll, beforeAll } from 'vitest';

/** Sets `process.env.TZ` to `zone` for the tests of the calling file (or describe block). */
export function inBrowserZone(zone: string): void {
  const browserZone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (browserZone === undefined) delete process.env.TZ;
    else process.env.TZ = browserZone;
  });
}
