/** @module Request body reading with a size cap, a nesting-depth cap scanned before parsing, and JSON parsing. */
import { HttpRequestError } from './errors.ts';
import { ValidationError } from '../../core/errors.ts';

/** 413 `request.too_large`. */
export function tooLarge(maxBytes: number): HttpRequestError {
  return new HttpRequestError(
    413,
    'request.too_large',
    {
      en: `The request body is larger than ${maxBytes} bytes.`,
      zh: `请求体超过 ${maxBytes} 字节上限。`,
    },
    { details: { maxBytes } },
  );
}

/**
 * Refuses a request whose declared Content-Length is over `maxBytes` (or not a length at all),
 * before anything is read: cheap enough to run before authentication.
 */
export function checkDeclaredLength(request: Request, maxBytes: number): void {
  const header = request.headers.get('content-length');
  if (header === null) return;
  if (!/^\s*\d+\s*$/.test(header)) {
    throw new HttpRequestError(400, 'request.bad_content_length', {
      en: 'The Content-Length header is not a number of bytes.',
      zh: 'Content-Length 请求头不是字节数。',
    });
  }
  if (Number(header) > maxBytes) throw tooLarge(maxBytes);
}

/** Reads at most `maxBytes` of the body; throws 413 `request.too_large` beyond it. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  checkDeclaredLength(request, maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/** The deepest nesting of arrays and objects in JSON text, stopping early once it passes `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (ch === 93 /* ] */ || ch === 125 /* } */) depth--;
  }
  return max;
}

/** Parses JSON text after checking its depth; 400 `request.too_deep` or `request.malformed_json`. */
export function parseJsonBody(text: string, maxDepth: number): unknown {
  if (jsonDepth(text, maxDepth) > maxDepth) {
    throw new ValidationError(
      'request.too_deep',
      {
        en: `The JSON body is nested deeper than ${maxDepth} levels.`,
        zh: `JSON 请求体嵌套超过 ${maxDepth} 层。`,
      },
      { details: { maxDepth } },
    );
  }
  try {
    if (text.trim() === '') throw new SyntaxError('empty body');
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the body, which may hold a password: keep it out.
    throw new ValidationError('request.malformed_json', {
      en: 'The request body is not valid JSON.',
      zh: '请求体不是合法的 JSON。',
    });
  }
}

/**
 * The path of the first number that JSON cannot carry (`NaN`, `Infinity`: `1e309` parses to
 * Infinity) in `value`, else null. `integers` also flags integers beyond 2^53 (query and path
 * values, where they are ids, offsets and version numbers).
 */
export function firstNonFiniteNumber(value: unknown, integers = false, path = ''): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return path || '/';
    if (integers && Number.isInteger(value) && !Number.isSafeInteger(value)) return path || '/';
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNonFiniteNumber(value[i], integers, `${path}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const found = firstNonFiniteNumber(
        (value as Record<string, unknown>)[key],
        integers,
        `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      );
      if (found !== null) return found;
    }
  }
  return null;
}

/** 400 `request.invalid` for a number out of range at `path`. */
export function numberOutOfRange(path: string): ValidationError {
  return new ValidationError(
    'request.invalid',
    {
      en: `The request is invalid at ${path}: the number must be finite and, for whole numbers, at most 2^53.`,
      zh: `请求参数不合法（${path}）：数值必须为有限数，整数不得超过 2^53。`,
    },
    { path, details: [{ path, code: 'finite', message: 'must be a finite number' }] },
  );
}
