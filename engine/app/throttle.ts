/** @module Exponential backoff of guesses (sign-in passwords, citizen query passwords), shared by auth and cases. */

/** What the store knows about recent attempts of one key (an (account, IP) pair, an IP, …) inside the window. */
export interface AttemptSummary {
  /** Failed attempts (reservations included) inside the window. */
  failures: number;
  /** Latest failed attempt, or null. */
  lastFailureAt: string | null;
  /** Refused (throttled) attempts after the latest failure. */
  refusedSinceFailure: number;
}

/** Backoff tunables of one key. */
export interface BackoffPolicy {
  /** Failures allowed before any wait (the free attempts). */
  free: number;
  /** First wait after the free attempts run out; doubles with each further failure. */
  baseMs: number;
  /** Longest wait (the window: failures older than it are forgotten). */
  maxMs: number;
}

/**
 * Milliseconds to wait before the next attempt of a key may be evaluated (0: go ahead). After
 * `free` failures the k-th further failure asks for `baseMs * 2^k` (capped at `maxMs`) after the
 * latest failure, so the same source is slowed exponentially while nobody is ever locked out for
 * longer than the window.
 */
export function backoffWaitMs(summary: AttemptSummary, policy: BackoffPolicy, now: Date): number {
  if (summary.failures < policy.free || summary.lastFailureAt === null) return 0;
  const exponent = Math.min(summary.failures - policy.free, 40);
  const delay = Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
  return Math.max(0, Date.parse(summary.lastFailureAt) + delay - now.getTime());
}
