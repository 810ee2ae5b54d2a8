/** @module Small pure pieces of the HTTP edge: language choice, JSON depth, error mapping. */
import { describe, expect, it } from 'vitest';
import { jsonDepth } from '../../../../engine/adapters/http/body.ts';
import { errorBody, pickLanguage, statusOf } from '../../../../engine/adapters/http/errors.ts';
import { TooManyRequestsError } from '../../../../engine/app/errors.ts';
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionError,
  RuleError,
  ValidationError,
} from '../../../../engine/core/errors.ts';

describe('pickLanguage', () => {
  it('defaults to Chinese and follows the highest-quality zh or en tag', () => {
    expect(pickLanguage(undefined)).toBe('zh');
    expect(pickLanguage('fr-FR')).toBe('zh');
    expect(pickLanguage('en-GB')).toBe('en');
    expect(pickLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(pickLanguage('fr, en;q=0.5, zh;q=0.4')).toBe('en');
    expect(pickLanguage('en;q=0, zh-TW')).toBe('zh');
  });
});

describe('jsonDepth', () => {
  it('counts nesting of arrays and objects, ignoring brackets inside strings and escaped quotes', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[[\\"[[["}')).toBe(1);
  });

  it('stops scanning once the limit is passed', () => {
    expect(jsonDepth('['.repeat(1000), 10)).toBe(11);
  });
});

describe('error mapping', () => {
  const text = { en: 'e', zh: '中' };
  it('maps each error class to its status', () => {
    expect(statusOf(new ValidationError('x', text))).toBe(400);
    expect(statusOf(new AuthenticationError('x', text))).toBe(401);
    expect(statusOf(new PermissionError('x', text))).toBe(403);
    expect(statusOf(new NotFoundError('x', text))).toBe(404);
    expect(statusOf(new ConflictError('x', text))).toBe(409);
    expect(statusOf(new RuleError('x', text))).toBe(422);
    expect(statusOf(new TooManyRequestsError('x', text, { retryAfterSeconds: 60 }))).toBe(429);
    expect(statusOf(new TypeError('boom'))).toBe(500);
  });

  it('localizes messages and keeps path and details', () => {
    const error = new ValidationError('v', text, { path: '/a', details: [1] });
    expect(errorBody(error, 'zh', 'r')).toEqual({
      error: { code: 'v', message: '中', path: '/a', details: [1] },
    });
    expect(errorBody(error, 'en', 'r').error.message).toBe('e');
  });
});
