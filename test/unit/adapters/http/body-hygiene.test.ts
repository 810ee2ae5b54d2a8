/** @module Body hygiene helpers: declared-length checks and the search for numbers JSON cannot carry. */
import { describe, expect, it } from 'vitest';
import {
  checkDeclaredLength,
  firstNonFiniteNumber,
  numberOutOfRange,
} from '../../../../engine/adapters/http/body.ts';
import { HttpRequestError } from '../../../../engine/adapters/http/errors.ts';

const withLength = (length: string) =>
  new Request('http://x/', { method: 'POST', headers: { 'content-length': length }, body: 'x' });

describe('checkDeclaredLength', () => {
  it('refuses a declared length over the limit with 413 and a non-number with 400', () => {
    expect(() => checkDeclaredLength(withLength('10'), 10)).not.toThrow();
    expect(() => checkDeclaredLength(new Request('http://x/'), 10)).not.toThrow();
    const status = (length: string) => {
      try {
        checkDeclaredLength(withLength(length), 10);
        return 0;
      } catch (error) {
        return error instanceof HttpRequestError ? error.status : -1;
      }
    };
    expect(status('11')).toBe(413);
    expect(status('99999999999999999999999')).toBe(413);
  });
});

describe('firstNonFiniteNumber', () => {
  it('finds Infinity, -Infinity and NaN anywhere, with a JSON pointer', () => {
    expect(firstNonFiniteNumber({ a: [1, { b: Number.POSITIVE_INFINITY }] })).toBe('/a/1/b');
    expect(firstNonFiniteNumber(JSON.parse('{"x/y":{"~":-1e309}}'))).toBe('/x~1y/~0');
    expect(firstNonFiniteNumber(Number.NaN)).toBe('/');
    expect(firstNonFiniteNumber({ a: 1e300, b: [0, -1, 'Infinity'] })).toBeNull();
  });

  it('flags integers beyond 2^53 only when asked (query and path values)', () => {
    expect(firstNonFiniteNumber({ offset: 1e20 })).toBeNull();
    expect(firstNonFiniteNumber({ offset: 1e20 }, true, '/query')).toBe('/query/offset');
    expect(firstNonFiniteNumber({ offset: 2 ** 53 - 1 }, true)).toBeNull();
    expect(firstNonFiniteNumber({ ratio: 1.5e300 }, true)).toBe('/ratio');
  });

  it('reports as a 400 request.invalid at the path', () => {
    const error = numberOutOfRange('/query/offset');
    expect(error.code).toBe('request.invalid');
    expect(error.path).toBe('/query/offset');
    expect(error.text.zh).toContain('有限数');
  });
});
