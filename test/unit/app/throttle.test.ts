/** @module Exponential backoff of guesses: free attempts, doubling waits after the latest failure, capped at the window. */
import { describe, expect, it } from 'vitest';
import { backoffWaitMs } from '../../../engine/app/throttle.ts';

const policy = { free: 5, baseMs: 1000, maxMs: 15 * 60_000 };
const last = '2026-01-01T00:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(last) + ms);
const summary = (failures: number) => ({ failures, lastFailureAt: last, refusedSinceFailure: 0 });

describe('backoffWaitMs', () => {
  it('lets the free attempts through at once', () => {
    expect(backoffWaitMs(summary(4), policy, later(0))).toBe(0);
    expect(
      backoffWaitMs({ failures: 0, lastFailureAt: null, refusedSinceFailure: 0 }, policy, later(0)),
    ).toBe(0);
  });

  it('doubles the wait with each failure past the free ones, counted from the latest failure', () => {
    expect(backoffWaitMs(summary(5), policy, later(0))).toBe(1000);
    expect(backoffWaitMs(summary(6), policy, later(0))).toBe(2000);
    expect(backoffWaitMs(summary(8), policy, later(500))).toBe(7500);
    expect(backoffWaitMs(summary(8), policy, later(8000))).toBe(0);
  });

  it('never asks for more than the window', () => {
    expect(backoffWaitMs(summary(60), policy, later(0))).toBe(15 * 60_000);
  });
});
