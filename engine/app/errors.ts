/** @module Application-layer errors not covered by core: rate limiting. */
import { BatonError } from '../core/errors.ts';

/** Too many attempts in a window (maps to HTTP 429). */
export class TooManyRequestsError extends BatonError {
  override name = 'TooManyRequestsError';
}
