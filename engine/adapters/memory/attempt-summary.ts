/** @module In-memory summary of throttled attempts, the twin of adapters/db/attempt-summary.ts. */

interface Attempt {
  ip: string | null;
  succeeded: boolean;
  refused?: boolean;
  at: string;
}

/** Failures (not refusals) since `since` among `attempts`, the latest of them and the refusals after it. */
export function summarizeAttemptList(
  attempts: readonly Attempt[],
  since: string,
): { failures: number; lastFailureAt: string | null; refusedSinceFailure: number } {
  const scoped = attempts.filter((a) => !a.succeeded && a.at >= since);
  const failures = scoped.filter((a) => !a.refused);
  const lastFailureAt = failures.reduce<string | null>((m, a) => (m === null || a.at > m ? a.at : m), null);
  const refusedSinceFailure = scoped.filter((a) => a.refused && a.at >= (lastFailureAt ?? '')).length;
  return { failures: failures.length, lastFailureAt, refusedSinceFailure };
}
