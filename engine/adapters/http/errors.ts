/** @module Error mapping: BatonError classes to HTTP statuses, localized `{error:{code,message,path?,details?}}` bodies. */
import {
  AuthenticationError,
  BatonError,
  ConflictError,
  type LocalizedText,
  NotFoundError,
  PermissionError,
  RuleError,
  ValidationError,
} from '../../core/errors.ts';
import { TooManyRequestsError } from '../../app/errors.ts';

/** Languages of error messages. */
export type Lang = 'zh' | 'en';

/** An error of the HTTP edge itself (size limits, media types) that carries its own status. */
export class HttpRequestError extends BatonError {
  override name = 'HttpRequestError';
  readonly status: number;
  constructor(status: number, code: string, text: LocalizedText, options: { details?: unknown } = {}) {
    super(code, text, options);
    this.status = status;
  }
}

/** The wire shape of every error. */
export interface ErrorBody {
  error: { code: string; message: string; path?: string; details?: unknown; requestId?: string };
}

/** Picks zh or en from an Accept-Language header by quality; zh-CN when absent or undecidable. */
export function pickLanguage(header: string | undefined | null): Lang {
  if (!header) return 'zh';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang: Lang | null = tag.startsWith('zh') ? 'zh' : tag.startsWith('en') ? 'en' : null;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}

/** The HTTP status of an error; anything that is not a BatonError is a 500. */
export function statusOf(error: unknown): number {
  if (error instanceof HttpRequestError) return error.status;
  if (error instanceof ValidationError) return 400;
  if (error instanceof AuthenticationError) return 401;
  if (error instanceof PermissionError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof RuleError) return 422;
  if (error instanceof TooManyRequestsError) return 429;
  if (error instanceof BatonError) return 400;
  return 500;
}

/** The localized body of an error; a 500 hides everything but the request id. */
export function errorBody(error: unknown, lang: Lang, requestId: string): ErrorBody {
  if (!(error instanceof BatonError) || statusOf(error) === 500) {
    return {
      error: {
        code: 'internal',
        message:
          lang === 'en'
            ? `Internal server error. Please quote request id ${requestId}.`
            : `服务器内部错误，请提供请求编号 ${requestId}。`,
        requestId,
      },
    };
  }
  const body: ErrorBody = { error: { code: error.code, message: error.text[lang] } };
  if (error.path !== undefined) body.error.path = error.path;
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}
