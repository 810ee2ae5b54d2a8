/** @module Request body reading with a size cap, a nesting-depth cap scanned before parsing, and JSON parsing. */
import { HttpRequestError } from './errors.ts';
import { ValidationError } from '../../core/errors.ts';

/** Reads at most `maxBytes` of the body; throws 413 `request.too_large` beyond it. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new HttpRequestError(
      413,
      'request.too_large',
      {
        en: `The request body is larger than ${maxBytes} bytes.`,
        zh: `请求体超过 ${maxBytes} 字节上限。`,
      },
      { details: { maxBytes } },
    );
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
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
      throw tooLarge();
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
