/** @module verifyCitizen: a citizen's case number + query password checked under per-number and per-IP throttling. */
import { NotFoundError } from '../../core/errors.ts';
import type { CaseRecord } from '../../ports/cases.ts';
import type { AppDeps } from '../context.ts';
import { TooManyRequestsError } from '../errors.ts';
import { backoffWaitMs } from '../throttle.ts';
import { text } from './access.ts';
import { dummyHashOf, queryPasswordHasherOf } from './query-password.ts';

/**
 * Throttling of citizen lookups by number + query password: `perNumber` free failures per (number, IP)
 * and `perIp` per IP over all numbers, then a wait of `backoffBaseMs * 2^k` after the latest failure
 * (capped at `windowMs`, after which failures are forgotten).
 */
export const LOOKUP_LIMITS = {
  perNumber: 5,
  perIp: 20,
  windowMs: 15 * 60 * 1000,
  backoffBaseMs: 1000,
  /** Refused lookups stored between two evaluated ones (per pair and per IP). */
  maxCountedRefusals: 1000,
};

/** The case of the number when the password matches; throttled, and as slow for unknown numbers as for known ones. */
export async function verifyCitizen(
  deps: AppDeps,
  input: { number: string; password: string; ip: string | null },
): Promise<CaseRecord> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const since = new Date(now.getTime() - LOOKUP_LIMITS.windowMs).toISOString();
  const policy = (free: number) => ({
    free,
    baseMs: LOOKUP_LIMITS.backoffBaseMs,
    maxMs: LOOKUP_LIMITS.windowMs,
  });
  // Reserve the attempt in the write queue before verifying, so concurrent guesses cannot all be
  // evaluated; throttled per (number, IP) and per IP, so a stranger cannot lock the citizen out.
  const waitMs = await deps.store.transaction(async (tx) => {
    const pair = await tx.cases.summarizeLookups({ number: input.number, ip: input.ip, since });
    const byIp = input.ip === null ? null : await tx.cases.summarizeLookups({ ip: input.ip, since });
    const wait = Math.max(
      backoffWaitMs(pair, policy(LOOKUP_LIMITS.perNumber), now),
      byIp ? backoffWaitMs(byIp, policy(LOOKUP_LIMITS.perIp), now) : 0,
    );
    // Refusals are stored up to a cap (per pair and per IP), so a flood cannot grow the table without bound.
    const isCounted =
      wait === 0 ||
      Math.max(pair.refusedSinceFailure, byIp?.refusedSinceFailure ?? 0) < LOOKUP_LIMITS.maxCountedRefusals;
    if (isCounted)
      await tx.cases.insertLookupAttempt({
        number: input.number,
        ip: input.ip,
        succeeded: false,
        ...(wait > 0 ? { refused: true } : {}),
        at,
      });
    return wait;
  });
  if (waitMs > 0) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new TooManyRequestsError(
      'case.lookup_throttled',
      text(
        `Too many wrong attempts. Try again in ${seconds} seconds.`,
        `查询失败次数过多，请 ${seconds} 秒后再试。`,
      ),
      { details: { retryAfterSeconds: seconds }, retryAfterSeconds: seconds },
    );
  }
  const record = await deps.store.cases.getByNumber(input.number);
  // Unknown numbers cost a hash too, so timing does not tell which numbers exist.
  const hasher = queryPasswordHasherOf(deps);
  let isMatch = false;
  if (record) isMatch = await hasher.verify(input.password, record.queryPasswordHash);
  else await hasher.verify(input.password, await dummyHashOf(hasher));
  if (isMatch)
    await deps.store.transaction(async (tx) => {
      await tx.cases.clearLookupFailures({ number: input.number, ip: input.ip });
      await tx.cases.insertLookupAttempt({ number: input.number, ip: input.ip, succeeded: true, at });
    });
  if (!record || !isMatch)
    throw new NotFoundError(
      'case.lookup_failed',
      text('No case matches this number and query password.', '办件编号或查询密码不正确。'),
    );
  return record;
}
