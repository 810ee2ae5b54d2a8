/** @module Application-layer errors not covered by core: rate limiting. */
import { BatonError, type BatonErrorOptions, type LocalizedText } from '../core/errors.ts';

/** Too many attempts in a window (maps to HTTP 429 with a `Retry-After` header). */
export class TooManyRequestsError extends BatonError {
  override name = 'TooManyRequestsError';
  /** Seconds after which a retry may succeed (an upper bound), sent as `Retry-After`. */
  readonly retryAfterSeconds: number;
  constructor(code: string, text: LocalizedText, options: BatonErrorOptions & { retryAfterSeconds: number }) {
    const { retryAfterSeconds, ...rest } = options;
    super(code, text, rest);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
